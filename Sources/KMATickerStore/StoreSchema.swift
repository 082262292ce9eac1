/// The store's schema: `schema.sql` at the package's top, as compiled into the binary.
public enum StoreSchema {
    /// The SQL text of `schema.sql`.
    public static let sql = String(decoding: PackageResources.schema_sql, as: UTF8.self)
}
