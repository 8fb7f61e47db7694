import Foundation
import SesameCore

extension GeneratedSchool {
    /// The school's accounts as the store would give them (ids are positions + 1), for
    /// tests of the planner and the documents that do not need a store.
    public func accounts() -> [Account] {
        people.enumerated().compactMap { index, p in
            guard !p.isGhost else { return nil }
            let email = p.email.flatMap(EmailAddress.init).map { ContactEmail(address: $0, source: .ent) }
                ?? p.collectedEmail.flatMap(EmailAddress.init).map { ContactEmail(address: $0, source: .collected) }
            return Account(
                id: Int64(index + 1), entKey: p.id, school: name, profile: p.profile, lastName: p.lastName,
                firstName: p.firstName, login: p.printedLogin, originalLogin: p.login, activationCode: p.activationCode,
                classes: p.classes, email: email, postalAddress: p.profile == .parent ? p.address : nil, phone: p.phone,
                isLocalAdmin: p.functions.contains("ADMIN_LOCAL"), createdAt: p.createdAt,
                children: p.children.filter { !people[$0].isGhost }.map { c in
                    let child = people[c]
                    return Relative(id: Int64(c + 1), login: child.printedLogin, firstName: child.firstName, lastName: child.lastName, classes: child.classes)
                })
        }
    }
}
