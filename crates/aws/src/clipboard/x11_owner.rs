//! Who owns the X11 CLIPBOARD selection. After smtui copies, the owner is arboard's window;
//! if another program copies, it becomes that program's. So a clear can ask "is it still
//! ours?" by ownership, which a clipboard manager normalising the text (a trailing newline)
//! cannot fool. A new owner alone does not make it someone else's: a clipboard manager
//! takes the selection to serve what we copied (on X11 only the owner serves text), so
//! then the text decides, and what the user copied since is never wiped (arboard's clear
//! gives up the selection whoever holds it).

use x11rb::connection::Connection as _;
use x11rb::protocol::xproto::{Atom, ConnectionExt as _};
use x11rb::rust_connection::RustConnection;

pub(crate) struct X11Owner {
    conn: RustConnection,
    clipboard: Atom,
    /// arboard's window, once seen taking the selection.
    ours: Option<u32>,
}

impl X11Owner {
    /// A connection of its own to the display in `DISPLAY`; `None` without one.
    pub(crate) fn connect() -> Option<Self> {
        std::env::var_os("DISPLAY")?;
        let (conn, _) = x11rb::connect(None).ok()?;
        let clipboard = conn
            .intern_atom(false, b"CLIPBOARD")
            .ok()?
            .reply()
            .ok()?
            .atom;
        Some(Self {
            conn,
            clipboard,
            ours: None,
        })
    }

    /// After a copy: waits (briefly) until the server has seen arboard take the selection.
    /// Its request went out on arboard's own connection, so one of ours can overtake it.
    pub(crate) fn settle_after_copy(&mut self, before: Option<u32>) {
        if before.is_some() && before == self.ours {
            return;
        }
        for _ in 0..100 {
            match self.owner() {
                Some(now) if now != 0 && Some(now) != before => {
                    self.ours = Some(now);
                    return;
                }
                None => return,
                _ => std::thread::sleep(std::time::Duration::from_millis(2)),
            }
        }
    }

    /// The window that owns the selection now (0: nobody); `None` if the server did not
    /// answer.
    pub(crate) fn owner(&self) -> Option<u32> {
        let reply = self
            .conn
            .get_selection_owner(self.clipboard)
            .ok()?
            .reply()
            .ok()?;
        let _ = self.conn.flush();
        Some(reply.owner)
    }
}
