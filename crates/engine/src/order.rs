//! Ordering the engine's short lists (findings, causes, reasons: tens of items at most).
//!
//! A stable insertion sort instead of `slice::sort_by`: each use of the standard sort brings a few
//! kilobytes of merge-sort code into the wasm per element type, for lists this short insertion sort is as
//! fast, and its code is a few hundred bytes.

/// Sorts `items` by `key`, keeping the order of items with equal keys.
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && key(&items[j]) < key(&items[j - 1]) {
            items.swap(j, j - 1);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sort_by_key;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_like_the_standard_stable_sort(items in proptest::collection::vec((0u8..5, any::<u16>()), 0..60)) {
            let mut ours = items.clone();
            let mut std = items;
            sort_by_key(&mut ours, |&(k, _)| k);
            std.sort_by_key(|&(k, _)| k);
            prop_assert_eq!(ours, std);
        }
    }
}
