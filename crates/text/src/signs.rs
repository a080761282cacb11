//! The signs written with a figure: a currency symbol before it ("£500m", "$2.4bn"), a
//! percent sign after it ("4%"). Extraction keeps them on the words it reports, and
//! claims read them as part of the figure.

/// Whether `c` is a currency symbol written before an amount.
pub fn is_currency(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '¥')
}

/// Whether `c` is written with a figure: a currency symbol or a percent sign.
pub fn is_figure_sign(c: char) -> bool {
    is_currency(c) || c == '%'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currencies_and_percent_are_figure_signs() {
        assert!(is_currency('£') && is_figure_sign('£'));
        assert!(!is_currency('%') && is_figure_sign('%'));
        assert!(!is_figure_sign('#'));
    }
}
