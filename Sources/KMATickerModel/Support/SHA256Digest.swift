import CLibCrypto

/// SHA-256 of a file's bytes (OpenSSL's libcrypto), as lowercase hex: how a re-ingested file
/// is recognized before it is parsed again.
public enum SHA256Digest {
    public static func hex(of bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBytes { input in
            EVP_Digest(input.baseAddress, input.count, &digest, &length, EVP_sha256(), nil)
        }
        precondition(ok == 1, "libcrypto's SHA-256 failed")
        let hexDigits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(64)
        for byte in digest { text.append(hexDigits[Int(byte >> 4)]); text.append(hexDigits[Int(byte & 0xF)]) }
        return String(decoding: text, as: UTF8.self)
    }
}
