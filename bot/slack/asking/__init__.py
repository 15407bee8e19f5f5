"""Every way of asking ends here: look up, render, deliver or apologise (:mod:`.reply`), read
the thread for a follow-up (:mod:`.context`), and keep the 👍/👎 on answers (:mod:`.feedback`)."""
