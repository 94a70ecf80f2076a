"""One page per stage of the audit day; see `base.StagePage`."""
