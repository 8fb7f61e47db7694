// Sésame : cocher une lettre sans recharger la page. Sans JavaScript, les formulaires
// fonctionnent de même (la page revient à la lettre cochée).
document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!form.classList.contains("coche")) return;
  const button = event.submitter;
  if (!button || !window.fetch) return;
  event.preventDefault();
  const body = new URLSearchParams(new FormData(form));
  body.set(button.name, button.value);
  const response = await fetch(form.action, { method: "POST", body, headers: { "X-Sesame-Inline": "1" }, credentials: "same-origin" });
  if (!response.ok) { form.submit(); return; }
  // The server answers with the letter's state and the packet's counts; the page is then reloaded
  // in place so that the buttons follow the new state.
  const result = await response.json();
  const item = form.closest(".lettre");
  item.querySelector(".etat").textContent = result.etat;
  document.getElementById("compte").textContent = result.compte;
  location.replace(location.pathname + "#" + item.id);
  location.reload();
});

// Selection filters: the list follows each change (without JavaScript, the button does it).
document.addEventListener("change", (event) => {
  const form = event.target.form;
  if (form && form.classList.contains("auto")) form.submit();
});

// Work in the server (printing, sending): the progress bar and the text follow it, and the
// page comes back once it is done. Without JavaScript, the page has a link to refresh it.
const work = document.querySelector("[data-etat]");
if (work && window.fetch) {
  const poll = async () => {
    const response = await fetch(work.dataset.etat, { credentials: "same-origin" });
    if (!response.ok) return;
    const state = await response.json();
    const bar = document.getElementById("avancement");
    if (bar) {
      bar.max = Math.max(state.total, 1);
      bar.value = state.fait;
    }
    document.getElementById("texte").textContent = state.texte;
    if (state.enCours) setTimeout(poll, 1000); else location.reload();
  };
  setTimeout(poll, 1000);
}

// The director's dashboard follows the teachers' ticks: each packet's counts, every 15 seconds.
const followed = document.querySelector("[data-suivi]");
if (followed && window.fetch) {
  setInterval(async () => {
    const response = await fetch(followed.dataset.suivi, { credentials: "same-origin" });
    if (!response.ok) return;
    const packets = await response.json();
    for (const span of document.querySelectorAll("[data-paquet]")) {
      const counts = packets[span.dataset.paquet];
      if (counts) span.textContent = counts[span.dataset.champ];
    }
  }, 15000);
}
