"""`sitegen import`: documents as they arrive (.txt, .docx, .md, .doc, .odt) → resolution files.

Beside the pipeline, not inside it: an importer reads one document into an ImportedDocument
(text.py and the modules it uses), writes it in the content format (write.py), reads the result
back with the real parser (roundtrip.py) and reports what the editor must still fill in.
"""
