import MadoguchiDomain
import Vapor

/// The token endpoint's URL, which a client assertion's `aud` must name (RFC 7523 §3). A
/// municipality's token endpoint is reached at each of its host names and, for the one
/// `MADOGUCHI_PUBLIC_URL` reaches, at that URL:
/// - `MADOGUCHI_PUBLIC_URL` + `/core/v1/token`, when set and its host reaches the municipality;
/// - `https://HOST/core/v1/token` for each host of the municipality (`hosts:` in the file);
/// - outside production also `http://HOST…`, and the host the request was sent to, as sent (with its
///   port: `http://127.0.0.1:8080/core/v1/token` on a development machine).
enum TokenEndpoint {
    static var path: String { Route.coreToken.path() }

    static func audiences(
        for municipality: Municipality, requestHost: String?, config: AppConfig, directory: MunicipalityDirectory
    ) -> Set<String> {
        var origins: Set<String> = []
        if let publicURL = config.publicURL, let host = URL(string: publicURL)?.host,
            directory.municipality(forHost: host)?.code == municipality.code
        {
            origins.insert(publicURL)
        }
        let production = config.mode == .production
        for host in municipality.hosts {
            origins.insert("https://\(host)")
            if !production { origins.insert("http://\(host)") }
        }
        if !production, let requestHost, !requestHost.isEmpty {
            origins.insert("http://\(requestHost)")
            origins.insert("https://\(requestHost)")
        }
        return Set(origins.map { $0 + path })
    }

    static func audiences(for req: Request) throws -> Set<String> {
        audiences(
            for: try req.municipality, requestHost: req.headers.first(name: .host), config: req.madoguchi.config,
            directory: req.madoguchi.municipalities)
    }
}
