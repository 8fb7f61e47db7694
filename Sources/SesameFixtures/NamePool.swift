/// Names for fictional families: common French names, and the spellings that trouble
/// real imports (hyphens, apostrophes, particles, ligatures, letters outside Latin-1).
enum NamePool {
    static let lastNames = [
        "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
        "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
        "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Faure", "André", "Mercier",
        "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin",
        "Le Goff", "Da Silva", "De La Fontaine", "O'Connor", "N'Diaye", "Benoît-Hamon", "Ben Salah", "Nguyễn",
        "Kowalczyk", "Öztürk", "Müller", "Garçon", "Ferré", "Lœuillet", "Cœurdevey", "Trần", "El Amrani", "Haddad",
    ]
    static let firstNames = [
        "Léa", "Emma", "Jade", "Louise", "Alice", "Chloé", "Lina", "Manon", "Zoé", "Anaïs", "Clémence", "Héloïse",
        "Élodie", "Maëlle", "Aïcha", "Fatoumata", "Noémie", "Sofia", "Yasmine", "Inès", "Gabriel", "Léo", "Raphaël",
        "Arthur", "Louis", "Jules", "Adam", "Lucas", "Hugo", "Théo", "Noé", "Mathéo", "Nathan", "Éloi", "Gaël",
        "Loïc", "Yanis", "Ibrahim", "Mamadou", "François", "Jérôme", "Anh", "Oumar", "Sacha", "Camille",
    ]
    /// The first names above that ONDE's "Sexe" column gives as F (the others as M).
    static let femaleFirstNames: Set<String> = Set(firstNames.prefix(20))
    static let streets = [
        "rue des Écoles", "rue des Lilas", "rue des Mûriers", "rue des Frères Lumière", "avenue de la Gare",
        "impasse du Moulin", "place de l’Église", "chemin des Vignes", "boulevard Jean-Jaurès", "allée des Tilleuls",
    ]
    static let emailDomains = ["orange.fr", "free.fr", "gmail.com", "laposte.net", "sfr.fr", "wanadoo.fr"]
}
