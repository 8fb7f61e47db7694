import Foundation
import SesameCore

/// Why `sesame serve` could not start, in French; NIO says it with a system call's name.
public enum WebServerError: UserFacingError, Equatable {
    case cannotListen(address: String, reason: Reason)

    public enum Reason: Equatable, Sendable {
        case portTaken, notThisComputer, privilegedPort, unknownHost
        case other(errno: Int32)

        init(errno: Int32) {
            switch errno {
            case EADDRINUSE: self = .portTaken
            case EADDRNOTAVAIL: self = .notThisComputer
            case EACCES: self = .privilegedPort
            default: self = .other(errno: errno)
            }
        }
    }

    public var userMessage: String {
        switch self {
        case let .cannotListen(address, reason): "impossible d’écouter sur \(address) : \(reason.french)"
        }
    }
}

extension WebServerError.Reason {
    var french: String {
        switch self {
        case .portTaken: "ce port est déjà pris (un autre « sesame serve » ?) ; choisissez-en un autre avec --listen"
        case .notThisComputer: "cette adresse n’est pas celle de cet ordinateur ; --listen 127.0.0.1:8080 pour cet ordinateur seulement"
        case .privilegedPort: "les ports en dessous de 1024 sont réservés à l’administrateur ; prenez-en un au-dessus, 8080 par exemple"
        case .unknownHost: "ce nom d’hôte est inconnu ; donnez une adresse IP, 127.0.0.1 pour cet ordinateur seulement"
        case .other(let errno): "le système a refusé (erreur n° \(errno))"
        }
    }
}
