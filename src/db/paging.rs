//! Long lists come from the core a page at a time: a programme of 40,000 fellows sends 50.

/// Rows on one page of a long list (the UI's `PAGE_SIZE` in ui/src/lib/paging.ts).
pub const PAGE_SIZE: i64 = 50;

/// The page given when `asked` is asked for of a list of `total` rows, and the row it starts
/// at: a page past the last gives the last, one before the first the first.
pub fn page_of(asked: i64, total: i64) -> (i64, i64) {
    page_sized(asked, total, PAGE_SIZE)
}

/// As `page_of`, for a list whose pages hold `size` rows.
pub fn page_sized(asked: i64, total: i64, size: i64) -> (i64, i64) {
    let last = ((total + size - 1) / size).max(1);
    let page = asked.clamp(1, last);
    (page, (page - 1) * size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_outside_the_list_gives_the_nearest() {
        assert_eq!(page_of(1, 0), (1, 0));
        assert_eq!(page_of(0, 120), (1, 0));
        assert_eq!(page_of(2, 120), (2, 50));
        assert_eq!(page_of(i64::MAX, 120), (3, 100));
        assert_eq!(page_of(2, 100), (2, 50));
        assert_eq!(page_of(3, 100), (2, 50));
    }
}
