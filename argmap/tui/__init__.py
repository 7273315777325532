"""`argmap edit`: a Textual editor for maps, thin over `argmap.editing`.

The widgets show what the editing core, the outline, the checker and the
evaluator say; every change goes through `argmap.editing.MapEditor`, so the
editor holds no rules of its own about what a map may contain.  Textual is
imported only here and below, never by the rest of argmap.
"""
