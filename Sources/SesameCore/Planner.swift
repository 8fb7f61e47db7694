import Foundation

/// Decides who gets their credentials through which channel: pure, no I/O.
///
/// Each account gets the first channel of its profile's list whose conditions hold and
/// that can reach it (an email needs an address, a class packet needs a class). Letters
/// are grouped in batches: per class for class packets and meetings, per school otherwise.
/// A parent gets one letter, never one per child: in the packet of the youngest child's
/// class (level order PS < MS < GS < CP < CE1 < CE2 < CM1 < CM2), and it names all children.
public enum Planner {
    public static func plan(_ accounts: [Account], strategy: Strategy, context: PlanningContext) -> PlanDraft {
        var batches: [BatchKey: PlannedBatch] = [:]
        var leftOut: [LeftOut] = []
        var replanned: [Account.ID] = []
        var classes = ClassOrder(scope: Set(context.classScope.map(NameKey.exact)))
        var schools = SchoolIndex()

        for account in accounts {
            func leave(_ reason: LeftOut.Reason) {
                leftOut.append(LeftOut(accountID: account.id, login: account.login, profile: account.profile, reason: reason))
            }
            guard let rule = strategy.rules[account.profile] else { leave(.noRule); continue }
            guard case .channels(let steps) = rule else {
                if case .excluded(let why) = rule { leave(.excludedProfile(why)) }
                continue
            }
            if let other = context.activeElsewhere[account.id] {
                guard context.replan else { leave(.alreadyPlanned(other)); continue }
                replanned.append(account.id)
            }
            var reasons: [String] = []
            var planned = false
            let packet = classes.packetClass(of: account)
            for (index, step) in steps.enumerated() {
                if let why = obstacle(to: step.channel, for: account, packetClass: packet) ?? step.conditions.first(where: { !$0.holds(for: account) })?.unmetReason {
                    reasons.append("\(step.channel.frenchName) : \(why)")
                    continue
                }
                let school = schools.index(of: account.school)
                add(account, via: step.channel, step: index, isCopy: false, school: school, packetClass: packet, classes: &classes, context: context, to: &batches)
                for extra in step.also where obstacle(to: extra, for: account, packetClass: packet) == nil {
                    add(account, via: extra, step: index, isCopy: true, school: school, packetClass: packet, classes: &classes, context: context, to: &batches)
                }
                planned = true
                break
            }
            if !planned { leave(.noChannel(reasons)) }
        }

        let ordered = batches.sorted { $0.key < $1.key }.map { _, batch in
            var batch = batch
            batch.deliveries.sort { $0.sortKey < $1.sortKey }
            return batch
        }
        return PlanDraft(batches: ordered, leftOut: leftOut, replanned: replanned)
    }

    /// Why a channel cannot reach an account, whatever the strategy says; nil if it can.
    static func obstacle(to channel: Channel, for account: Account, packetClass: String?) -> String? {
        guard channel.applies(to: account.profile) else { return "ne s’applique pas aux \(account.profile.frenchPlural.lowercased())" }
        switch channel {
        case .email: return account.email == nil ? "pas d’adresse électronique" : nil
        case .post: return account.postalAddress == nil ? "pas d’adresse postale" : nil
        case .inClass, .viaStudent, .meeting: return packetClass == nil ? "pas de classe connue" : nil
        case .office: return nil
        }
    }

    /// The class whose packet carries an account's letter: a pupil's own class; for a parent,
    /// the youngest child's class (or, without linked children, the youngest of the parent's
    /// classes in the export), within the classes selected when there is a class filter.
    struct ClassOrder {
        let scope: Set<String>
        /// Class names and their school-order keys, computed once per name.
        private var keys: [String: String] = [:]

        init(scope: Set<String>) {
            self.scope = scope
        }

        mutating func key(_ className: String) -> String {
            if let key = keys[className] { return key }
            let key = ClassLevel.sortKey(forClass: className)
            keys[className] = key
            return key
        }

        mutating func packetClass(of account: Account) -> String? {
            var classes = account.profile == .parent && !account.children.isEmpty
                ? account.children.flatMap(\.classes) : account.classes
            if !scope.isEmpty {
                let inScope = classes.filter { scope.contains(NameKey.exact($0)) }
                if !inScope.isEmpty { classes = inScope }
            }
            var best: (name: String, key: String)?
            for name in classes {
                let k = key(name)
                if best == nil || k < best!.key { best = (name, k) }
            }
            return best?.name
        }
    }

    /// Schools by order of appearance: batch keys hold an index, as hashing a school's
    /// accented name for every letter of a million was a measurable cost.
    struct SchoolIndex {
        private var names: [String] = []
        private var last = -1

        mutating func index(of school: String) -> Int {
            if last >= 0, names[last] == school { return last }
            if let i = names.firstIndex(of: school) {
                last = i
                return i
            }
            names.append(school)
            last = names.count - 1
            return last
        }
    }

    private static func add(
        _ account: Account, via channel: Channel, step: Int, isCopy: Bool, school: Int, packetClass: String?,
        classes: inout ClassOrder, context: PlanningContext, to batches: inout [BatchKey: PlannedBatch]
    ) {
        let className = channel.isPerClass ? packetClass : nil
        let key = BatchKey(school: account.school, schoolIndex: school, channel: channel, classSort: className.map { classes.key($0) } ?? "", className: className ?? "")
        let ref = className.map { ClassRef(school: account.school, name: $0) }
        let delivery = PlannedDelivery(
            accountID: account.id, login: account.login, profile: account.profile, letter: LetterKind(for: account),
            channel: channel, step: step, isCopy: isCopy, sortKey: sortKey(account, in: channel, className: className))
        batches[key, default: PlannedBatch(
            channel: channel, school: account.school, className: className,
            recipients: ref.flatMap { context.teachers[$0] } ?? [],
            meeting: channel == .meeting ? ref.flatMap { context.meetings[$0] } : nil,
            deliveries: [])].deliveries.append(delivery)
    }

    /// Class packets and meetings go by pupil name (a parent's letter by the name of the
    /// child in that class), postal letters by postcode, the rest by name.
    private static func sortKey(_ account: Account, in channel: Channel, className: String?) -> String {
        switch channel {
        case .viaStudent, .meeting:
            let child = account.children
                .filter { c in className.map { c.classes.contains($0) } ?? true }
                .min { $0.nameSortKey < $1.nameSortKey }
            return (child?.nameSortKey ?? "") + "\u{2}" + account.nameSortKey
        case .post:
            return (account.postalAddress?.postcode ?? "") + "\u{2}" + account.nameSortKey
        default:
            return account.nameSortKey
        }
    }

    private struct BatchKey: Hashable, Comparable {
        var school: String
        var schoolIndex: Int
        var channel: Channel
        var classSort: String
        var className: String

        func hash(into hasher: inout Hasher) {
            hasher.combine(schoolIndex)
            hasher.combine(channel)
            hasher.combine(className)
        }

        static func == (a: BatchKey, b: BatchKey) -> Bool {
            a.schoolIndex == b.schoolIndex && a.channel == b.channel && a.className == b.className
        }

        static func < (a: BatchKey, b: BatchKey) -> Bool {
            (a.school, a.channel, a.classSort, a.className) < (b.school, b.channel, b.classSort, b.className)
        }
    }
}
