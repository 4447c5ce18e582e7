"""The ground floor: pure helpers every app uses (Vietnamese text, form text fields, file
types read from the bytes, files kept outside the web root, held uploads, sortable tables).
Imports Django and the standard library only, never an app or the project package."""
