/// A fixed list of class references read without retain/release in hot loops: the array keeps the
/// objects alive; the loops borrow them through `Unmanaged` (guaranteed +0 references).
struct UnmanagedList<C: AnyObject> {
    let objects: [C]
    let refs: UnsafeMutablePointer<Unmanaged<C>>
    let count: Int

    init(_ objects: [C]) {
        self.objects = objects
        count = objects.count
        refs = .allocate(capacity: max(count, 1))
        for (i, o) in objects.enumerated() { refs[i] = Unmanaged.passUnretained(o) }
    }

    /// Frees the reference buffer (the owner calls this once, in `deinit` or after the loop).
    func release() { refs.deallocate() }

    @inline(__always) func with<R>(_ i: Int, _ body: (C) throws -> R) rethrows -> R {
        try refs[i]._withUnsafeGuaranteedRef(body)
    }
}

/// Borrowed (+0) class references in memory someone else owns and keeps alive (no allocation of its own).
struct Borrowed<C: AnyObject> {
    let refs: UnsafeMutablePointer<Unmanaged<C>>
    let count: Int

    @inline(__always) func with<R>(_ i: Int, _ body: (C) throws -> R) rethrows -> R {
        try refs[i]._withUnsafeGuaranteedRef(body)
    }
}
