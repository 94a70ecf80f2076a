"""Every Qt class of ESCP Field Auditor. Nothing outside this package imports Qt."""
