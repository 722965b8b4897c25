//! IAM's wildcards: `*` matches any run of characters (also none), `?` exactly one.
//!
//! Iterative with one backtrack point, so a hostile pattern (thousands of `*`) costs at
//! most length × length steps and no stack.

/// Whether `text` matches `pattern`, comparing letters as IAM does for action names:
/// ignoring ASCII case.
pub(crate) fn matches_action(pattern: &str, text: &str) -> bool {
    wildcard(pattern, text, |a, b| a.eq_ignore_ascii_case(&b))
}

/// Whether `text` matches `pattern` exactly as written: resource ARNs are case-sensitive.
pub(crate) fn matches_resource(pattern: &str, text: &str) -> bool {
    wildcard(pattern, text, |a, b| a == b)
}

fn wildcard(pattern: &str, text: &str, same: impl Fn(char, char) -> bool) -> bool {
    // The common cases without the walk: every action and every resource, and a pattern
    // with no wildcard at all. The pane evaluates thousands of principals at a time.
    if pattern == "*" {
        return true;
    }
    if !pattern.contains(['*', '?']) {
        return pattern.len() == text.len()
            && pattern.chars().zip(text.chars()).all(|(a, b)| same(a, b));
    }
    // Policies and ARNs are ASCII: their bytes are their characters, no copy needed.
    if pattern.is_ascii() && text.is_ascii() {
        let same = |a: u8, b: u8| same(char::from(a), char::from(b));
        return walk(pattern.as_bytes(), text.as_bytes(), (b'*', b'?'), same);
    }
    let pattern: Vec<char> = pattern.chars().collect();
    let text: Vec<char> = text.chars().collect();
    walk(&pattern, &text, ('*', '?'), same)
}

/// The wildcard walk over `pattern` and `text` as units (bytes or characters).
fn walk<T: Copy + PartialEq>(
    pattern: &[T],
    text: &[T],
    (any_run, any_one): (T, T),
    same: impl Fn(T, T) -> bool,
) -> bool {
    let (mut p, mut t) = (0, 0);
    // The last `*` seen and the text position it was tried at: on a mismatch, that star
    // takes one more character and matching resumes after it.
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(&c) if c == any_run => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == any_one || same(c, text[t]) => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((star_p, star_t)) => {
                    star = Some((star_p, star_t + 1));
                    p = star_p + 1;
                    t = star_t + 1;
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == any_run)
}
