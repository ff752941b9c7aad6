//! Cutting styled text by terminal cells rather than characters, for the
//! event list's sideways scroll and wrapped rows: a wide character (CJK,
//! emoji) is never split, it moves whole to the next part.

use std::borrow::Cow;

use ratatui::text::Span;

/// Cells `c` takes on the terminal.
fn char_width(c: char) -> usize {
    let mut b = [0u8; 4];
    Span::raw(&*c.encode_utf8(&mut b)).width()
}

/// `spans` cut after at most `n` cells: (the first part, the rest).
pub fn split_at_cells<'a>(spans: Vec<Span<'a>>, n: usize) -> (Vec<Span<'a>>, Vec<Span<'a>>) {
    let mut head = Vec::new();
    let mut rest = Vec::new();
    let mut used = 0;
    for sp in spans {
        if !rest.is_empty() {
            rest.push(sp);
            continue;
        }
        let w = sp.width();
        if used + w <= n {
            used += w;
            head.push(sp);
            continue;
        }
        // This span straddles the cut.
        let mut a = String::new();
        let mut cut = sp.content.len();
        for (i, c) in sp.content.char_indices() {
            let cw = char_width(c);
            if used + cw > n {
                cut = i;
                break;
            }
            used += cw;
            a.push(c);
        }
        let b = sp.content[cut..].to_string();
        if !a.is_empty() {
            head.push(Span::styled(Cow::Owned(a), sp.style));
        }
        rest.push(Span::styled(Cow::Owned(b), sp.style));
        // Nothing more fits in the head, even a narrower later span.
        used = n;
    }
    (head, rest)
}

/// `spans` with the `skip` cells after the first `keep` taken out: the
/// first `keep` cells (fixed columns) stay, the rest scrolls left.
pub fn skip_after(spans: Vec<Span<'_>>, keep: usize, skip: usize) -> Vec<Span<'_>> {
    let (mut head, rest) = split_at_cells(spans, keep);
    let (_, tail) = split_at_cells(rest, skip);
    head.extend(tail);
    head
}

/// `spans` as at most `max_lines` lines of at most `width` cells; lines
/// after the first start with `indent` blanks so that continued text lines
/// up after the fixed columns. One line when `width` leaves too little
/// room past `indent`. The cap keeps a huge argument from costing more
/// than the screen can show.
pub fn wrap(
    spans: Vec<Span<'_>>,
    indent: usize,
    width: usize,
    max_lines: usize,
) -> Vec<Vec<Span<'_>>> {
    if width < indent + 8 {
        return vec![split_at_cells(spans, width).0];
    }
    let (first, mut rest) = split_at_cells(spans, width);
    let mut out = vec![first];
    while out.len() < max_lines && rest.iter().any(|s| !s.content.is_empty()) {
        let (chunk, more) = split_at_cells(rest, width - indent);
        let mut line = vec![Span::raw(" ".repeat(indent))];
        line.extend(chunk);
        out.push(line);
        rest = more;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn cuts_by_cells_and_keeps_wide_characters_whole() {
        let (a, b) = split_at_cells(vec![Span::raw("ab"), Span::raw("c日d")], 4);
        assert_eq!((text(&a), text(&b)), ("abc".into(), "日d".into()));
        let s = skip_after(vec![Span::raw("0123"), Span::raw("456789")], 2, 3);
        assert_eq!(text(&s), "0156789");
        let w = wrap(
            vec![Span::raw("AAAA"), Span::raw("bbbbbbbbbbbbbbbbbbbb")],
            4,
            14,
            9,
        );
        let lines: Vec<String> = w.iter().map(|l| text(l)).collect();
        assert_eq!(lines, ["AAAAbbbbbbbbbb", "    bbbbbbbbbb"]);
        let w = wrap(
            vec![Span::raw("AAAA"), Span::raw("b".repeat(1000))],
            4,
            14,
            3,
        );
        assert_eq!(w.len(), 3, "no more lines than asked for");
    }
}
