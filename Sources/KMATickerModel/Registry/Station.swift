/// One KMA ASOS surface station, as listed in the registry (`asos_stations.csv`).
public struct Station: Sendable, Hashable {
    /// The ASOS station number, e.g. `133` for 대전.
    public let id: Int
    /// The Korean name KMA uses, NFC, e.g. `대전`, `고창군`.
    public let nameKorean: String
    /// An English name in KMA's romanization style, e.g. `Daejeon` (informative only).
    public let nameEnglish: String
    public let latitude: Double
    public let longitude: Double
    /// Metres above sea level; `nil` where the registry does not know it (251 고창군).
    public let elevationMeters: Double?
    /// Short province name, e.g. `강원`, `충남`.
    public let province: String

    public init(id: Int, nameKorean: String, nameEnglish: String, latitude: Double,
                longitude: Double, elevationMeters: Double?, province: String) {
        self.id = id
        self.nameKorean = nameKorean
        self.nameEnglish = nameEnglish
        self.latitude = latitude
        self.longitude = longitude
        self.elevationMeters = elevationMeters
        self.province = province
    }
}
