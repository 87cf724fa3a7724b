#!/usr/bin/python3
"""Annotates a DOCX the way a reviewer would, with a real LibreOffice driven through UNO.

Usage: annotate_docx.py SPEC.json

SPEC: {"input": "in.docx", "output": "out.docx",
       "comments": [{"find": "text in a paragraph", "author": "...", "text": "..."}],
       "changes": [{"find": "word", "replace": "new word", "author": "..."}]}

Each comment is an annotation (com.sun.star.text.textfield.Annotation) spanning the first
occurrence of its `find` text; each change is made with change tracking on (RecordChanges), so
that it is saved as w:del/w:ins. The result is saved as "MS Word 2007 XML".

Robustness: a fresh LibreOffice profile per run (-env:UserInstallation), a listening pipe with a
unique name, an overall timeout (SIGALRM), and the soffice process killed and its profile removed
at the end, whatever happens.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.util import DateTime

TIMEOUT = int(os.environ.get("ANNOTATE_TIMEOUT", "120"))


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


def set_user_name(ctx, name):
    """The author LibreOffice records for tracked changes is the profile's user name."""
    smgr = ctx.ServiceManager
    provider = smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx)
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess",
        (prop("nodepath", "/org.openoffice.UserProfile/Data"),),
    )
    access.setPropertyValue("givenname", name)
    access.setPropertyValue("sn", "")
    access.commitChanges()


def find(doc, text):
    """A text cursor over the first occurrence of `text` in a paragraph of the body.

    (The document has no view, so there is no search through the layout: walk the paragraphs.)"""
    body = doc.getText()
    for para in body.createEnumeration():
        if not para.supportsService("com.sun.star.text.Paragraph"):
            continue
        at = para.getString().find(text)
        if at >= 0:
            cursor = body.createTextCursorByRange(para.getStart())
            cursor.goRight(at, False)
            cursor.goRight(len(text), True)
            return cursor
    raise SystemExit(f"annotate_docx: text not found: {text!r}")


def annotate(ctx, spec):
    # The document is loaded as a model only, without a frame or a layout: LibreOffice's
    # "nogui" packages cannot build the comment margin of a view, and crash when a comment is
    # added to a document that has one. Comments and tracked changes are data in the model.
    doc = ctx.ServiceManager.createInstanceWithContext("com.sun.star.text.TextDocument", ctx)
    doc.load((prop("URL", url(spec["input"])), prop("FilterName", "MS Word 2007 XML")))
    try:
        for c in spec.get("comments", []):
            found = find(doc, c["find"])
            note = doc.createInstance("com.sun.star.text.textfield.Annotation")
            note.Author = c["author"]
            note.Content = c["text"]
            when = DateTime()
            when.Year, when.Month, when.Day, when.Hours = 2009, 4, 20, 10
            note.DateTimeValue = when
            # absorb=True: the annotation spans the found text (w:commentRangeStart/End).
            found.getText().insertTextContent(found, note, True)
        for ch in spec.get("changes", []):
            set_user_name(ctx, ch.get("author", "Reviewer"))
            doc.RecordChanges = True
            found = find(doc, ch["find"])
            found.setString(ch["replace"])
        doc.storeToURL(url(spec["output"]), (prop("FilterName", "MS Word 2007 XML"),))
    finally:
        try:
            doc.close(True)
        except Exception:
            pass  # LibreOffice went away; the caller retries


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    profile = tempfile.mkdtemp(prefix="rapporteur-uno-")
    pipe = f"rapporteur_uno_{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )

    def give_up(*_):
        raise TimeoutError(f"annotate_docx: LibreOffice did not finish within {TIMEOUT} s")

    signal.signal(signal.SIGALRM, give_up)
    signal.alarm(TIMEOUT)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        # A fresh profile makes LibreOffice restart itself once after its first start, which
        # drops the first connection: connect again and start over (a few times at most).
        for attempt in range(4):
            ctx = None
            while ctx is None:
                try:
                    ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                except Exception:
                    if office.poll() is not None:
                        raise SystemExit(f"annotate_docx: soffice exited with {office.returncode}")
                    time.sleep(0.25)
            try:
                annotate(ctx, spec)
                break
            except SystemExit:
                if attempt == 3:
                    raise
            except Exception as e:  # the bridge went away under us
                if attempt == 3:
                    raise
                print(f"annotate_docx: retrying after {type(e).__name__}", file=sys.stderr)
            time.sleep(1)
        try:
            ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx).terminate()
        except Exception:
            pass  # the bridge goes away as soffice quits
    finally:
        signal.alarm(0)
        try:
            office.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        # soffice.bin runs under the launcher, in the process group started for it.
        try:
            os.killpg(office.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        office.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
