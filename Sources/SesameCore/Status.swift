/// Where an account's letter stands, for the status report: each account counts once,
/// at its latest letter of the plan and its follow-ups.
public enum Stage: String, Sendable, Hashable, CaseIterable, Codable {
    case planned, issued, handedOver = "handed-over", missed, activated

    /// `accountActivated`: the latest export shows no code for an activation letter's account.
    public init(state: DeliveryState, letter: LetterKind, accountActivated: Bool) {
        if state == .activated || (letter == .activation && accountActivated) {
            self = .activated
            return
        }
        switch state {
        case .planned, .sending, .deferred: self = .planned
        case .issued: self = .issued
        case .handedOver: self = .handedOver
        default: self = .missed
        }
    }

    public var frenchName: String {
        switch self {
        case .planned: "à émettre"
        case .issued: "émises"
        case .handedOver: "remises"
        case .missed: "absents, retours, rejets"
        case .activated: "activés"
        }
    }
}

/// How many accounts of a group stand at each stage.
///
/// Counted in place, one integer a stage: a status over an académie adds to a funnel half a
/// million times, and a dictionary keyed by `Stage` hashed the stage's name each time.
public struct Funnel: Sendable, Hashable {
    private var planned = 0, issued = 0, handedOver = 0, missed = 0, activated = 0
    public private(set) var total = 0

    public init() {}

    public mutating func add(_ stage: Stage, _ count: Int) {
        switch stage {
        case .planned: planned += count
        case .issued: issued += count
        case .handedOver: handedOver += count
        case .missed: missed += count
        case .activated: activated += count
        }
        total += count
    }

    public subscript(stage: Stage) -> Int {
        switch stage {
        case .planned: planned
        case .issued: issued
        case .handedOver: handedOver
        case .missed: missed
        case .activated: activated
        }
    }

    /// Share of the group, in percent (0 for an empty group).
    public func percent(_ stage: Stage) -> Double {
        total == 0 ? 0 : Double(self[stage]) * 100 / Double(total)
    }

    /// Accounts whose letter reached them: handed over, or activated.
    public var reached: Int { self[.handedOver] + self[.activated] }
}

/// One group of the store's count: accounts of a class, profile and channel at one stage.
public struct StageCount: Sendable, Hashable {
    public var school: String
    public var className: String?
    public var profile: Profile
    public var channel: Channel
    public var stage: Stage
    public var count: Int

    public init(school: String, className: String?, profile: Profile, channel: Channel, stage: Stage, count: Int) {
        self.school = school
        self.className = className
        self.profile = profile
        self.channel = channel
        self.stage = stage
        self.count = count
    }
}

/// The funnel of a plan, whole and by class, by profile and by channel.
public struct StatusReport: Sendable {
    public struct ClassKey: Sendable, Hashable {
        public var school: String
        /// Nil for accounts without a class (staff).
        public var className: String?
    }

    public private(set) var total = Funnel()
    public private(set) var byClass: [(key: ClassKey, funnel: Funnel)] = []
    public private(set) var bySchool: [(school: String, funnel: Funnel)] = []
    public private(set) var byProfile: [(profile: Profile, funnel: Funnel)] = []
    public private(set) var byChannel: [(channel: Channel, funnel: Funnel)] = []

    public init(_ counts: [StageCount]) {
        // Counts come batch by batch, so a school and a class come in runs: each run's funnel
        // is found once (hashing a school's name for every count cost more than counting).
        var schools = Groups<String>(), classes = Groups<ClassKey>()
        var profiles: [Profile: Funnel] = [:], channels: [Channel: Funnel] = [:]
        for c in counts {
            total.add(c.stage, c.count)
            schools.add(c.school, c.stage, c.count)
            classes.add(ClassKey(school: c.school, className: c.className), c.stage, c.count)
            profiles[c.profile, default: Funnel()].add(c.stage, c.count)
            channels[c.channel, default: Funnel()].add(c.stage, c.count)
        }
        // Classes in school order (PS before CP before CM2), the classless last; each key made
        // once, not at every comparison (an académie has tens of thousands of classes).
        let ordered = classes.funnels.map { key, funnel in
            (order: (key.school, key.className == nil ? 1 : 0, ClassLevel.sortKey(forClass: key.className ?? "")), key: key, funnel: funnel)
        }
        byClass = ordered.sorted { $0.order < $1.order }.map { (key: $0.key, funnel: $0.funnel) }
        bySchool = schools.funnels.map { (school: $0.key, funnel: $0.funnel) }.sorted { $0.school < $1.school }
        byProfile = profiles.map { (profile: $0.key, funnel: $0.value) }.sorted { $0.profile.rank < $1.profile.rank }
        byChannel = channels.map { (channel: $0.key, funnel: $0.value) }.sorted { $0.channel < $1.channel }
    }

    /// Funnels by key, the last key's place remembered for the run of counts that follows.
    private struct Groups<Key: Hashable> {
        var funnels: [(key: Key, funnel: Funnel)] = []
        private var places: [Key: Int] = [:]
        private var last: (key: Key, place: Int)?

        mutating func add(_ key: Key, _ stage: Stage, _ count: Int) {
            let place: Int
            if let last, last.key == key {
                place = last.place
            } else if let known = places[key] {
                place = known
            } else {
                place = funnels.count
                places[key] = place
                funnels.append((key, Funnel()))
            }
            last = (key, place)
            funnels[place].funnel.add(stage, count)
        }
    }

    /// More than one school: the class rows name theirs.
    public var isMultiSchool: Bool { bySchool.count > 1 }
}
