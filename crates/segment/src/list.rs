//! List markers: "1.", "2.)", "3)", "a.", "• 9.", "⁃10.".
//!
//! A paragraph that opens with a marker is read as a list: each later marker that continues
//! the sequence (the next number or letter, same bullet and delimiter) starts a new item, even
//! without a terminator before it. Markers elsewhere ("options 1) and 2)") are left alone.

/// Bullet characters that mark an item on their own.
fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '⁃' | '‣' | '◦' | '▪' | '●' | '■' | '►')
}

/// Characters that act as bullets only in front of a number or letter ("- 1.").
fn is_weak_bullet(c: char) -> bool {
    matches!(c, '-' | '*' | '–' | '·')
}

/// An item label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label {
    None,
    Number(u32),
    Lower(u8),
    Upper(u8),
}

impl Label {
    /// The label the next item carries, if the sequence can continue.
    fn next(self) -> Option<Label> {
        match self {
            Label::None => Some(Label::None),
            Label::Number(n) => Some(Label::Number(n + 1)),
            Label::Lower(c) if c < b'z' => Some(Label::Lower(c + 1)),
            // "A. Smith and B. Jones" is too common to split upper-case letter sequences.
            Label::Lower(_) | Label::Upper(_) => None,
        }
    }
}

/// How a label is closed: "1." "1.)" "1)".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Delim {
    None,
    Dot,
    DotParen,
    Paren,
}

/// A list marker found in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Marker {
    /// Length in bytes (bullet, label and delimiter; not the space after it).
    pub(crate) len: usize,
    bullet: Option<char>,
    label: Label,
    delim: Delim,
}

/// The marker starting at `pos`, if any; it must be followed by whitespace.
pub(crate) fn marker_at(text: &str, pos: usize, end: usize) -> Option<Marker> {
    let b = text.as_bytes();
    let mut p = pos;
    let mut bullet = None;
    if p < end {
        let c = text[p..end].chars().next()?;
        if is_bullet(c) || is_weak_bullet(c) {
            bullet = Some(c);
            p += c.len_utf8();
            while p < end && b[p] == b' ' {
                p += 1;
            }
        }
    }
    let (label, delim) = match label_at(text, p, end) {
        Some((label, delim, after)) => {
            p = after;
            (label, delim)
        }
        None => {
            // A bare bullet: only a true bullet character, and the spaces after it are not
            // part of the marker.
            let c = bullet.filter(|&c| is_bullet(c))?;
            p = pos + c.len_utf8();
            (Label::None, Delim::None)
        }
    };
    if p >= end || !(b[p] == b' ' || b[p] == b'\t') {
        return None;
    }
    Some(Marker {
        len: p - pos,
        bullet,
        label,
        delim,
    })
}

/// A label with its delimiter at `p` ("12.", "b)", "3.)"), and the offset after it.
fn label_at(text: &str, mut p: usize, end: usize) -> Option<(Label, Delim, usize)> {
    let b = text.as_bytes();
    let digits = b[p..end].iter().take_while(|c| c.is_ascii_digit()).count();
    let label = if (1..=3).contains(&digits) {
        let n = text[p..p + digits].parse().ok()?;
        p += digits;
        Label::Number(n)
    } else if digits == 0 && p < end && b[p].is_ascii_alphabetic() {
        let c = b[p];
        p += 1;
        if c.is_ascii_lowercase() {
            Label::Lower(c)
        } else {
            Label::Upper(c)
        }
    } else {
        return None;
    };
    let rest = &b[p..end];
    let delim = if rest.starts_with(b".)") {
        Delim::DotParen
    } else if rest.starts_with(b")") {
        Delim::Paren
    } else if rest.starts_with(b".") {
        Delim::Dot
    } else {
        return None;
    };
    p += match delim {
        Delim::DotParen => 2,
        _ => 1,
    };
    Some((label, delim, p))
}

/// The next marker after `from` that continues the sequence of `prev`, preceded by a space.
pub(crate) fn next_marker(
    text: &str,
    from: usize,
    end: usize,
    prev: &Marker,
) -> Option<(usize, Marker)> {
    let want = prev.label.next()?;
    let b = text.as_bytes();
    let mut p = from.max(1);
    while p < end {
        if matches!(b[p - 1], b' ' | b'\t')
            && let Some(m) = marker_at(text, p, end)
            && m.label == want
            && m.bullet == prev.bullet
            && m.delim == prev.delim
        {
            return Some((p, m));
        }
        p += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Option<(usize, Label)> {
        marker_at(s, 0, s.len()).map(|m| (m.len, m.label))
    }

    #[test]
    fn markers() {
        assert_eq!(m("1. Go"), Some((2, Label::Number(1))));
        assert_eq!(m("12.) Go"), Some((4, Label::Number(12))));
        assert_eq!(m("3) Go"), Some((2, Label::Number(3))));
        assert_eq!(m("b. Go"), Some((2, Label::Lower(b'b'))));
        assert_eq!(m("• 9. Go"), Some(("• 9.".len(), Label::Number(9))));
        assert_eq!(m("⁃10. Go"), Some(("⁃10.".len(), Label::Number(10))));
        assert_eq!(m("• Go"), Some(("•".len(), Label::None)));
        assert_eq!(m("2016. Go"), None);
        assert_eq!(m("3.5 percent"), None);
        assert_eq!(m("- Go"), None);
        assert_eq!(m("The end"), None);
    }

    #[test]
    fn sequence() {
        let s = "1) one 3) three 2) two";
        let first = marker_at(s, 0, s.len()).unwrap();
        let (pos, _) = next_marker(s, first.len, s.len(), &first).unwrap();
        assert_eq!(&s[pos..], "2) two");
    }
}
