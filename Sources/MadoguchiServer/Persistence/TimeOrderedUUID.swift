import Foundation
import Synchronization

extension UUID {
    /// A version 7 UUID (RFC 9562 §5.7): 48 bits of Unix time in milliseconds, then random bits.
    ///
    /// Rows keyed by it land at the end of their primary-key index instead of on a random page, so a
    /// batch of new applications touches a few index pages rather than one per row (with random v4
    /// keys a 16-application commit wrote ~140 pages to the SQLite WAL).
    static func timeOrdered(at date: Date = Date()) -> UUID {
        let (high, low) = IdentifierRandomness.next()
        let milliseconds = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        // 48 bits of time, version 7, 12 random bits; variant 10, 62 random bits.
        let first = milliseconds << 16 | 0x7000 | (high & 0x0FFF)
        let second = 0x8000_0000_0000_0000 | (low & 0x3FFF_FFFF_FFFF_FFFF)
        func byte(_ word: UInt64, _ index: Int) -> UInt8 { UInt8(truncatingIfNeeded: word >> (56 - 8 * index)) }
        return UUID(
            uuid: (
                byte(first, 0), byte(first, 1), byte(first, 2), byte(first, 3), byte(first, 4), byte(first, 5),
                byte(first, 6), byte(first, 7), byte(second, 0), byte(second, 1), byte(second, 2), byte(second, 3),
                byte(second, 4), byte(second, 5), byte(second, 6), byte(second, 7)
            ))
    }
}

/// Random bits for identifiers, drawn from the kernel's generator 4 KiB at a time.
///
/// Not through swift-crypto's `SymmetricKey(size:)` nor `SystemRandomNumberGenerator`: on Linux
/// both make one `getrandom` system call per eight bytes, so a pool filled that way cost as many
/// calls as it saved (two identifiers are made for every application, in the writer's thread).
enum IdentifierRandomness {
    private struct Pool {
        var words = [UInt64](repeating: 0, count: 512)
        var next = 512
    }

    private static let pool = Mutex(Pool())

    static func next() -> (UInt64, UInt64) {
        pool.withLock { pool in
            if pool.next + 2 > pool.words.count {
                pool.words.withUnsafeMutableBytes { fill($0) }
                pool.next = 0
            }
            defer { pool.next += 2 }
            return (pool.words[pool.next], pool.words[pool.next + 1])
        }
    }

    /// Fills `buffer` from the kernel's cryptographic generator, in as few calls as it allows.
    private static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        #if canImport(Glibc)
            // Glibc's module does not declare getrandom(2); /dev/urandom is the same generator
            // (Linux 5.6 and later) and is read 4 KiB per call.
            var filled = 0
            while urandom >= 0, filled < buffer.count {
                let got = read(urandom, buffer.baseAddress! + filled, buffer.count - filled)
                if got > 0 {
                    filled += got
                } else if got == 0 || errno != EINTR {
                    break
                }
            }
            // Without the device (an unusual container), eight bytes per call as before.
            var generator = SystemRandomNumberGenerator()
            while filled < buffer.count {
                let count = min(8, buffer.count - filled)
                withUnsafeBytes(of: generator.next() as UInt64) { word in
                    (buffer.baseAddress! + filled).copyMemory(from: word.baseAddress!, byteCount: count)
                }
                filled += count
            }
        #else
            arc4random_buf(buffer.baseAddress, buffer.count)
        #endif
    }

    #if canImport(Glibc)
        private static let urandom = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
    #endif
}
