"""ReportLab measures text with its C accelerator (the `rl_accel` package, a dependency): without it,
ReportLab falls back to Python versions of `stringWidth` and number formatting, which were a tenth of
a 300-finding report's CPU."""

from reportlab.lib import rl_accel


def test_reportlab_measures_text_in_c():
    for name in ("fp_str", "instanceStringWidthTTF", "unicode2T1", "escapePDF"):
        function = getattr(rl_accel, name)
        assert type(function).__name__ == "builtin_function_or_method", f"{name} is ReportLab's Python fallback"
