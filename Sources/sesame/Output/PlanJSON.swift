import Foundation
import SesameCore
import SesameStore

/// The JSON shape of `sesame plan show --format json`: part of the product, pinned by tests.
struct PlanJSON: Encodable {
    let id: Int64
    let name: String
    let strategy: String
    let createdAt: Date
    let createdBy: String
    let follows: Int64?
    let batches: [Batch]
    let leftOut: [LeftOut]

    struct Batch: Encodable {
        let id: Int64
        let channel: String
        let school: String
        let `class`: String?
        let recipients: [String]
        let meeting: Date?
        let deliveries: [Delivery]

        enum CodingKeys: String, CodingKey { case id, channel, school, `class`, recipients, meeting, deliveries }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(channel, forKey: .channel)
            try c.encode(school, forKey: .school)
            try c.encode(`class`, forKey: .class)
            try c.encode(recipients, forKey: .recipients)
            try c.encode(meeting, forKey: .meeting)
            try c.encode(deliveries, forKey: .deliveries)
        }
    }

    struct Delivery: Encodable {
        let id: Int64
        let login: String
        let profile: String
        let letter: String
        let state: String
        let copy: Bool
        let children: [String]
    }

    struct LeftOut: Encodable {
        let login: String
        let profile: String
        let code: String
        let reason: String
    }

    init(_ plan: PlanDetail) {
        id = plan.id
        name = plan.name
        strategy = plan.strategy
        createdAt = plan.createdAt
        createdBy = plan.createdBy
        follows = plan.follows
        batches = plan.batches.map { b in
            Batch(
                id: b.id, channel: b.channel.rawValue, school: b.school, class: b.className, recipients: b.recipients,
                meeting: b.meeting,
                deliveries: b.deliveries.map {
                    Delivery(id: $0.id, login: $0.login, profile: $0.profile.rawValue, letter: $0.letter.rawValue,
                             state: $0.state.rawValue, copy: $0.isCopy, children: $0.children)
                })
        }
        leftOut = plan.leftOut.map { LeftOut(login: $0.login, profile: $0.profile.rawValue, code: $0.code, reason: $0.reason) }
    }

    enum CodingKeys: String, CodingKey { case id, name, strategy, createdAt, createdBy, follows, batches, leftOut }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(strategy, forKey: .strategy)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(createdBy, forKey: .createdBy)
        try c.encode(follows, forKey: .follows)
        try c.encode(batches, forKey: .batches)
        try c.encode(leftOut, forKey: .leftOut)
    }
}
