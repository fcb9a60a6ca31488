"""Suggestions for the event editor, read from one paragraph: who (``actors``) and
when (``dates``). Qt-free; every suggestion says which words it came from and which
rule made it, so the analyst can judge it rather than trust it."""
