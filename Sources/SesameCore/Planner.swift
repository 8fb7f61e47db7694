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
            if let other = context.activeElsewhere[account.id], context.resume[account.id] == nil {
                guard context.replan else { leave(.alreadyPlanned(other)); continue }
                replanned.append(account.id)
            }
            let packet = classes.packetClass(of: account)
            let resume = context.resume[account.id]
            let facts = account.facts
            switch firstStep(steps, for: facts, packetClass: packet, from: resume?.fromStep ?? 0, skipping: resume?.skipping ?? []) {
            case .none(let reasons):
                leave(.noChannel(reasons))
            case .step(let index, let step):
                let school = schools.index(of: account.school)
                var delivery = Placement(account: account, step: index, isCopy: false, school: school, packetClass: packet, follows: resume?.follows)
                add(delivery, via: step.channel, classes: &classes, context: context, to: &batches)
                delivery.isCopy = true
                delivery.follows = nil
                for extra in step.also where obstacle(to: extra, for: facts, packetClass: packet) == nil {
                    add(delivery, via: extra, classes: &classes, context: context, to: &batches)
                }
            }
        }

        let ordered = batches.sorted { $0.key < $1.key }.map { _, batch in
            var batch = batch
            batch.deliveries.sort { $0.sortKey < $1.sortKey }
            return batch
        }
        return PlanDraft(batches: ordered, leftOut: leftOut, replanned: replanned)
    }

    /// The outcome of looking for a channel: the step to use, or why none can be.
    public enum StepChoice: Sendable, Hashable {
        case step(Int, ChannelStep)
        case none([String])
    }

    /// The first step, from `start` on and not through `skipping`, whose channel can reach the
    /// account and whose conditions hold; or, for each step tried, why not. The planner starts
    /// at the first step, the follow-up after the step that missed.
    public static func firstStep(
        _ steps: [ChannelStep], for account: AccountFacts, packetClass: String?, from start: Int = 0, skipping: Set<Channel> = []
    ) -> StepChoice {
        var reasons: [String] = []
        for (index, step) in steps.enumerated() where index >= start {
            if skipping.contains(step.channel) {
                reasons.append("\(step.channel.frenchName) : déjà essayé sans succès")
                continue
            }
            if let why = obstacle(to: step.channel, for: account, packetClass: packetClass)
                ?? step.conditions.first(where: { !$0.holds(for: account) })?.unmetReason {
                reasons.append("\(step.channel.frenchName) : \(why)")
                continue
            }
            return .step(index, step)
        }
        if reasons.isEmpty { reasons.append("la stratégie ne prévoit pas d’autre canal") }
        return .none(reasons)
    }

    /// Why a channel cannot reach an account, whatever the strategy says; nil if it can.
    static func obstacle(to channel: Channel, for account: AccountFacts, packetClass: String?) -> String? {
        guard channel.applies(to: account.profile) else { return "ne s’applique pas aux \(account.profile.frenchPlural.lowercased())" }
        switch channel {
        case .email: return account.hasEmail ? nil : "pas d’adresse électronique"
        case .post: return account.hasAddress ? nil : "pas d’adresse postale"
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

    /// One letter about to be put in a batch.
    private struct Placement {
        var account: Account
        var step: Int
        var isCopy: Bool
        var school: Int
        var packetClass: String?
        var follows: Int64?
    }

    private static func add(
        _ p: Placement, via channel: Channel, classes: inout ClassOrder, context: PlanningContext, to batches: inout [BatchKey: PlannedBatch]
    ) {
        let account = p.account
        let className = channel.isPerClass ? p.packetClass : nil
        let key = BatchKey(school: account.school, schoolIndex: p.school, channel: channel, classSort: className.map { classes.key($0) } ?? "", className: className ?? "")
        let ref = className.map { ClassRef(school: account.school, name: $0) }
        let delivery = PlannedDelivery(
            accountID: account.id, login: account.login, profile: account.profile, letter: LetterKind(for: account),
            channel: channel, step: p.step, isCopy: p.isCopy, sortKey: sortKey(account, in: channel, className: className), follows: p.follows)
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
