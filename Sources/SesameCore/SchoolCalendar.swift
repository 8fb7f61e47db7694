import Foundation
import Synchronization

/// Dates as French schools write them, read in the school's time zone.
///
/// ENT exports carry ISO 8601 timestamps with an offset; spreadsheets and directors write
/// "01/09/2026" or "2026-09-01". Dates without an offset are Paris time, whatever the
/// machine's own time zone.
public enum SchoolCalendar {
    public static let timeZone = TimeZone(identifier: "Europe/Paris")!

    public static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }()

    /// Parses "2026-11-09T14:12:00.000+01:00", "2026-11-09T14:12:00Z", "2026-11-09 14:12",
    /// "2026-11-09", "09/11/2026", "09/11/2026 14:12", and entcore's "09-11-2026 14:12"
    /// (the admin console's `dd-MM-yyyy HH:mm`), and a French spreadsheet's two-digit years
    /// ("09/11/26", LibreOffice's default): every date Sésame reads is of this century. Not
    /// with dashes: "25-09-26" could as well be a year first.
    /// Returns nil for anything else.
    public static func parse(_ text: String) -> Date? {
        let s = Array(TextNormalization.trimmed(text).utf8)
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= s.count else { return nil }
            var value = 0
            for byte in s[i..<i + digits] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            i += digits
            return value
        }
        func expect(_ char: UInt8) -> Bool {
            guard i < s.count, s[i] == char else { return false }
            i += 1
            return true
        }
        var parts = DateComponents()
        if s.count >= 8, s[2] == UInt8(ascii: "/") || s[2] == UInt8(ascii: "-") {
            let separator = s[2]
            guard let d = number(2), expect(separator), let m = number(2), expect(separator),
                  let y = number(4) ?? (separator == UInt8(ascii: "/") ? number(2).map { 2000 + $0 } : nil) else { return nil }
            (parts.year, parts.month, parts.day) = (y, m, d)
        } else {
            guard let y = number(4), expect(UInt8(ascii: "-")), let m = number(2), expect(UInt8(ascii: "-")),
                  let d = number(2) else { return nil }
            (parts.year, parts.month, parts.day) = (y, m, d)
        }
        guard (1...12).contains(parts.month!), (1...31).contains(parts.day!) else { return nil }
        var zone = timeZone
        if i < s.count {
            guard expect(UInt8(ascii: "T")) || expect(UInt8(ascii: " ")),
                  let h = number(2), expect(UInt8(ascii: ":")), let min = number(2) else { return nil }
            (parts.hour, parts.minute) = (h, min)
            if expect(UInt8(ascii: ":")) {
                guard let sec = number(2) else { return nil }
                parts.second = sec
                if expect(UInt8(ascii: ".")) {
                    while i < s.count, s[i] >= 48 && s[i] <= 57 { i += 1 }
                }
            }
            if expect(UInt8(ascii: "Z")) {
                zone = TimeZone(secondsFromGMT: 0)!
            } else if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
                let sign = s[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let oh = number(2) else { return nil }
                _ = expect(UInt8(ascii: ":"))
                guard let om = number(2) else { return nil }
                zone = TimeZone(secondsFromGMT: sign * (oh * 3600 + om * 60))!
            }
            guard i == s.count, parts.hour! < 24, parts.minute! < 60, (parts.second ?? 0) < 60 else { return nil }
        }
        return instant(parts, in: zone)
    }

    /// The instant of a date and time read in `zone`; nil for a day its month does not have.
    ///
    /// Counted from the date, at the zone's offset for that day: Foundation's calendar took a
    /// microsecond per date, and an académie's export has half a million "Dernière connexion".
    /// A day the clocks change, and years far from ours, are left to the calendar.
    static func instant(_ parts: DateComponents, in zone: TimeZone) -> Date? {
        let (year, month, day) = (parts.year!, parts.month!, parts.day!)
        guard (1900...2100).contains(year) else { return calendarInstant(parts, in: zone) }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        guard day <= daysInMonth[month - 1] + (month == 2 && leap ? 1 : 0) else { return nil }
        let days = daysSince1970(year: year, month: month, day: day)
        guard let offset = offset(onDay: days, in: zone) else { return calendarInstant(parts, in: zone) }
        let seconds = days * 86_400 + (parts.hour ?? 0) * 3600 + (parts.minute ?? 0) * 60 + (parts.second ?? 0) - offset
        return Date(timeIntervalSince1970: Double(seconds))
    }

    /// The same through Foundation's calendar.
    static func calendarInstant(_ parts: DateComponents, in zone: TimeZone) -> Date? {
        var cal = calendar
        cal.timeZone = zone
        guard let date = cal.date(from: parts),
              cal.component(.day, from: date) == parts.day  // rejects 31/02
        else { return nil }
        return date
    }

    private static let daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

    /// Days from 1970-01-01 to a date of the Gregorian calendar (Howard Hinnant's `days_from_civil`).
    private static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The zone's offset all day long on a day (days since 1970), nil if it changes that day.
    /// Paris's offsets, kept by day: an export's dates fall on a few hundred days.
    private static func offset(onDay day: Int, in zone: TimeZone) -> Int? {
        guard zone == timeZone else { return zone.secondsFromGMT() }
        if let known = parisOffsets.withLock({ $0[day] }) { return known }
        // A day before and a day after the local day are before and after it in any zone:
        // the offset is the day's if it is the same at both (the clocks change twice a year).
        let before = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double((day - 1) * 86_400)))
        let after = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double((day + 2) * 86_400)))
        let offset = before == after ? before : nil
        parisOffsets.withLock { $0[day] = offset }
        return offset
    }

    private static let parisOffsets = Mutex<[Int: Int?]>([:])

    /// A meeting's date and time as people type them: "16/09/2026 17h30", "16/09/2026 à 17h",
    /// "2026-09-16 17:30", "16/09/2026 17:30"; a time is required. Nil for anything else.
    public static func parseMeeting(_ text: String) -> Date? {
        var words = TextNormalization.trimmed(text).split(separator: " ").map(String.init).filter { $0 != "à" && $0 != "a" }
        guard words.count == 2 else { return nil }
        let time = words[1].lowercased()
        if let h = time.firstIndex(of: "h") {
            let hours = time[..<h], minutes = time[time.index(after: h)...]
            guard (1...2).contains(hours.count), minutes.isEmpty || minutes.count == 2,
                  hours.allSatisfy(\.isNumber), minutes.allSatisfy(\.isNumber) else { return nil }
            words[1] = (hours.count == 1 ? "0" : "") + hours + ":" + (minutes.isEmpty ? "00" : minutes)
        } else if time.count == 4, time.dropFirst().first == ":" {
            words[1] = "0" + time
        }
        return parse(words.joined(separator: " "))
    }

    /// "14/09/2026", the way a French letter dates itself.
    public static func frenchDate(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(String(format2: c.day!))/\(String(format2: c.month!))/\(c.year!)"
    }

    /// "2026-09-14", for file names and machine-readable output.
    public static func isoDay(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(c.year!)-\(String(format2: c.month!))-\(String(format2: c.day!))"
    }
}

extension SchoolCalendar {
    /// "18:00", the time of a meeting.
    public static func time(_ date: Date) -> String {
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return "\(String(format2: c.hour!)):\(String(format2: c.minute!))"
    }
}
