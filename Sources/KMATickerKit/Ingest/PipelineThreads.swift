#if canImport(Glibc)
import Glibc
#endif

/// A mutex with one condition variable, on pthreads: what ``ParsingPipeline`` used of
/// Foundation's `NSCondition` (lock, unlock, wait, broadcast), without full Foundation, which
/// links ICU. Same semantics: a plain (not recursive) mutex; ``wait()`` unlocks, sleeps until a
/// broadcast (or wakes spuriously: callers wait in a loop on their own condition) and locks
/// again before it returns.
///
/// It owns both handles: they are allocated here, so their addresses never change (pthreads
/// requires that; a `var` of a Swift class could be moved), and destroyed with the object,
/// which every thread using it keeps alive.
///
/// `@unchecked Sendable`, and why that holds: its only state is the two handles, whose
/// addresses never change after `init`, and pthreads makes a mutex and a condition variable
/// safe to use from any thread; that is what they are for.
final class ConditionLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
    /// Called with the lock held.
    func wait() { pthread_cond_wait(condition, mutex) }
    func broadcast() { pthread_cond_broadcast(condition) }

    /// Runs `body` on a new thread of its own, detached (never joined) and with a stack of
    /// `stackSize` bytes, as Foundation's `Thread` with `stackSize` set and `start()` did.
    static func startThread(stackSize: Int, _ body: @escaping @Sendable () -> Void) {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        pthread_attr_setstacksize(&attributes, stackSize)
        // The closure goes to the thread retained once; the thread releases it.
        let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, &attributes, { context in
            Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue().body()
            return nil
        }, context)
        // Without the thread the pipeline would wait forever: better to stop here, saying why.
        precondition(result == 0, "kmaticker: cannot start a thread: \(String(cString: strerror(result)))")
    }

    private final class ThreadBody {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
}
