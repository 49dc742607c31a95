//! Work split over the machine's cores, results kept in order: what `evaluate` does to many
//! plan files at once (reading them, applying their actual values, evaluating and rendering
//! each).
//!
//! Plain `std::thread::scope` threads that each take the next item not yet taken (an atomic
//! counter), so a slow item does not hold up a fixed share of the others. No thread pool
//! crate: the work is a few coarse loops per run, and the threads cost microseconds.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

/// How many threads share work that splits: every core the machine offers, up to 8.
pub fn workers() -> usize {
    std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, 8)
}

/// `f` of every item, in the items' order, computed on [`workers`] threads.
///
/// Once `stop` holds for a result, no item after it is started: the items not started are
/// `None`. Every item before a stopping one is started (the counter hands items out in
/// order), so the first stopping result in order is the same whichever thread was faster.
/// A panic in `f` is a panic here.
pub fn map<T, R>(
    items: &[T],
    f: impl Fn(&T) -> R + Sync,
    stop: impl Fn(&R) -> bool + Sync,
) -> Vec<Option<R>>
where
    T: Sync,
    R: Send,
{
    let threads = workers().min(items.len());
    if threads <= 1 {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            let r = f(item);
            let stopped = stop(&r);
            out.push(Some(r));
            if stopped {
                break;
            }
        }
        out.resize_with(items.len(), || None);
        return out;
    }
    let next = AtomicUsize::new(0);
    let stopped = AtomicBool::new(false);
    let parts = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut got = Vec::new();
                    while !stopped.load(Ordering::Relaxed) {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        let r = f(item);
                        if stop(&r) {
                            stopped.store(true, Ordering::Relaxed);
                        }
                        got.push((i, r));
                    }
                    got
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect::<Vec<_>>()
    });
    let mut out: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
    for (i, r) in parts.into_iter().flatten() {
        if let Some(slot) = out.get_mut(i) {
            *slot = Some(r);
        }
    }
    out
}

/// `f` on every item, in place, on [`workers`] threads; each thread takes the next run of
/// items not yet taken. A panic in `f` is a panic here.
pub fn for_each_mut<T: Send>(items: &mut [T], f: impl Fn(&mut T) + Sync) {
    // Runs of items, so that the lock is taken once for many of them.
    const RUN: usize = 16;
    let threads = workers().min(items.len().div_ceil(RUN));
    if threads <= 1 {
        items.iter_mut().for_each(f);
        return;
    }
    let runs = Mutex::new(items.chunks_mut(RUN));
    let work = || loop {
        // A poisoned lock only means another thread panicked, which the scope reports.
        let next = runs.lock().unwrap_or_else(|e| e.into_inner()).next();
        let Some(run) = next else { break };
        run.iter_mut().for_each(&f);
    };
    std::thread::scope(|s| {
        for _ in 1..threads {
            s.spawn(work);
        }
        work();
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_the_items_order() {
        let items: Vec<u32> = (0..1000).collect();
        let out = map(&items, |x| x * 2, |_| false);
        let doubled: Vec<u32> = out.into_iter().flatten().collect();
        assert_eq!(doubled, (0..1000).map(|x| x * 2).collect::<Vec<_>>());
    }

    #[test]
    fn every_item_is_changed_once_in_place() {
        let mut items: Vec<u32> = (0..1000).collect();
        for_each_mut(&mut items, |x| *x *= 3);
        assert_eq!(items, (0..1000).map(|x| x * 3).collect::<Vec<_>>());
    }

    #[test]
    fn every_item_before_the_first_stop_is_done() {
        let items: Vec<u32> = (0..1000).collect();
        let out = map(&items, |x| *x, |x| *x == 500 || *x == 700);
        assert!(out.iter().take(501).all(Option::is_some));
        let first_stop = out.iter().flatten().find(|x| **x == 500 || **x == 700);
        assert_eq!(first_stop, Some(&500));
    }
}
