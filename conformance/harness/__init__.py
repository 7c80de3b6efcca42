"""The harness the conformance tests stand on, one module per concern.

* :mod:`.scratch` -- scratch directories, and removing what the judged code left there.
* :mod:`.descriptors` -- which descriptors this process holds.
* :mod:`.audit` -- the one audit hook, and recorders that subscribe to it.
* :mod:`.guard` -- the sandbox guard that refuses changes outside the scratch tree.
* :mod:`.children` -- running a check in another process (fresh, forked, or without root's privileges).
* :mod:`.planting` -- collisions without a hook: entries planted where an audit event (or an
  existence check) says the judged code is about to create.
* :mod:`.os_faults` -- unusable directories without a mount: creates in chosen directories fail
  at a wrapped os.open (read-only, no permission, full, first name taken).
* :mod:`.mounts` -- unusable directories with a mount: read-only binds in a check process's own
  private mount namespace (Linux, root).

Code that runs in a child process lives in real modules: :mod:`.child_main`
(one check in a fresh interpreter), :mod:`.forkserver` (many checks forked from
one long-lived process) and :mod:`.fd_probe` (which descriptors a new program sees).

Nothing here uses the module under test, so the harness stays trustworthy when
the target is broken; it imports only the standard library and
:mod:`conformance.vocabulary` / :mod:`conformance.target`.
"""
