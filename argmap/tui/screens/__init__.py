"""The editor's modal screens: each asks one question and dismisses with the answer."""
