// SHA-256 against the FIPS 180-4 / NIST CSRC example vectors and a multi-block streamed input.
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func nistVectors(input: String, expected: String) {
        #expect(SHA256.hex(Array(input.utf8)) == expected)
    }

    /// One million 'a' (NIST long message), fed in uneven pieces to exercise the buffering.
    @Test func millionAStreamed() {
        var h = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 997)
        var left = 1_000_000
        while left > 0 {
            let n = min(left, chunk.count)
            h.update(Array(chunk.prefix(n)))
            left -= n
        }
        #expect(SHA256.hexString(h.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// The SHA extensions' path (where the CPU has them) against the portable rounds: random lengths fed in random
    /// pieces, both ways, the same digest. On a CPU without them both runs take the portable path.
    @Test func hardwareBlocksMatchThePortableRounds() {
        var rng = SplitMix64(seed: 180_4)
        let bytes = (0..<20_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let was = SHA256.hardware
        defer { SHA256.hardware = was }
        for round in 0..<60 {
            let n = round < 10 ? round * 64 + (round % 3) : Int(rng.next() % 20_000)
            var cuts: [Int] = [0]
            while cuts.last! < n { cuts.append(min(n, cuts.last! + 1 + Int(rng.next() % 300))) }
            func digest(_ hardware: Bool) -> String {
                SHA256.hardware = hardware && was
                var h = SHA256()
                for (a, b) in zip(cuts, cuts.dropFirst()) { h.update(Array(bytes[a..<b])) }
                return SHA256.hexString(h.finalize())
            }
            #expect(digest(true) == digest(false), "length \(n)")
        }
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// HMAC-SHA256 against RFC 4231 test cases 1, 2 and 6 (a key longer than the block is hashed first).
    @Test(arguments: [
        ([UInt8](repeating: 0x0b, count: 20), "Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (Array("Jefe".utf8), "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        ([UInt8](repeating: 0xaa, count: 131), "Test Using Larger Than Block-Size Key - Hash Key First",
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
    ])
    func hmacRFC4231(key: [UInt8], message: String, expected: String) {
        let mac = SHA256.HMAC(key: key)
        #expect(SHA256.hexString(mac.authenticate(Array(message.utf8))) == expected)
        #expect(SHA256.hexString(mac.authenticate(Array(message.utf8))) == expected, "the precomputed key state is reused unchanged")
    }
}
