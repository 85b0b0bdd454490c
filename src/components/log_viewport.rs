//! What the message log knows of its viewport between renders: whether it follows new
//! entries, where the agent left the bottom, what they have seen. No DOM here: the
//! component reads the element and hands the numbers in.

/// The viewport's bookkeeping, one value per log; by default at the bottom, following.
#[derive(Debug, Default)]
pub struct Viewport {
    /// The last index the agent has seen. Not state: while following it changes with
    /// every message, and rendering again for that would show nothing new.
    pub seen: u64,
    /// How many entries the log held when the agent left the bottom; none while they
    /// are at the bottom and new entries are scrolled into view.
    pub left_at: Option<usize>,
    /// The scroll height and position before older entries were added above.
    pub anchor: Option<(i32, i32)>,
    /// A scroll to the bottom waits for the next frame.
    pub frame_pending: bool,
    /// Where the viewport was last seen or put: only the agent moves it up.
    last_top: i32,
    /// The first rendered entry at the last scroll event, once there was one.
    first_seen: Option<usize>,
}

impl Viewport {
    /// A scroll event: the viewport's top at `top`, at the bottom or not, while the
    /// log renders from entry `first` of `total`. Whether the log still follows.
    ///
    /// A followed log that grew below a viewport the agent did not move up is still
    /// followed: the scroll to the new bottom waits for a frame, and messages that come
    /// faster than frames keep the bottom ahead of the viewport. Entries dropped above
    /// a followed window shorten the log, and the browser pulls a viewport that was at
    /// the old bottom up to the new one: that is not the agent either.
    pub fn scrolled(&mut self, top: i32, at_bottom: bool, first: usize, total: usize) -> bool {
        let moved_up = top < std::mem::replace(&mut self.last_top, top);
        let trimmed = self
            .first_seen
            .replace(first)
            .is_some_and(|before| first > before);
        let follow = at_bottom || (self.follows() && (!moved_up || trimmed));
        if follow {
            self.left_at = None;
        } else if self.left_at.is_none() {
            self.left_at = Some(total);
        }
        follow
    }

    /// Whether new entries are scrolled into view: the agent has not left the bottom.
    pub fn follows(&self) -> bool {
        self.left_at.is_none()
    }

    /// The log was scrolled to its bottom, which left the viewport's top at `top`. With
    /// older entries dropped above, that can be higher up than before.
    pub fn put_at_bottom(&mut self, top: i32) {
        self.frame_pending = false;
        self.last_top = top;
    }

    /// The agent asked to jump to the newest entry, `last_index`.
    pub fn jumped(&mut self, last_index: u64) {
        self.left_at = None;
        self.seen = last_index;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_growing_below_a_still_viewport_is_still_followed() {
        let mut view = Viewport::default();
        assert!(view.scrolled(500, true, 100, 300));
        // Entries came in below before the frame that scrolls to them.
        assert!(view.scrolled(500, false, 100, 310));
        view.put_at_bottom(900);
        assert!(view.scrolled(900, false, 100, 320));
        assert_eq!(view.left_at, None);
    }

    #[test]
    fn moving_up_leaves_the_bottom_once() {
        let mut view = Viewport::default();
        // The first event, after the first scroll to the bottom: nothing to compare the
        // window with yet.
        view.put_at_bottom(900);
        assert!(!view.scrolled(600, false, 100, 300));
        let mut view = Viewport::default();
        assert!(view.scrolled(900, true, 100, 300));
        assert!(!view.scrolled(600, false, 100, 300));
        assert_eq!(view.left_at, Some(300));
        // Reading further, while more arrives: where they left stays.
        assert!(!view.scrolled(400, false, 100, 340));
        assert!(!view.scrolled(450, false, 100, 350));
        assert_eq!(view.left_at, Some(300));
        // Back at the bottom.
        assert!(view.scrolled(2_000, true, 100, 350));
        assert_eq!(view.left_at, None);
    }

    #[test]
    fn a_window_trimmed_above_is_not_the_agent_moving_up() {
        let mut view = Viewport::default();
        assert!(view.scrolled(900, true, 100, 300));
        // A chunk dropped above pulls the viewport up, and more came in below.
        assert!(view.scrolled(700, false, 125, 326));
        // The same move without a trim is the agent's.
        assert!(!view.scrolled(500, false, 125, 326));
    }

    #[test]
    fn moving_down_short_of_the_bottom_keeps_reading() {
        let mut view = Viewport::default();
        view.scrolled(900, true, 0, 300);
        view.scrolled(100, false, 0, 300);
        assert!(!view.scrolled(300, false, 0, 300));
        view.jumped(42);
        assert!(view.follows());
        assert_eq!((view.left_at, view.seen), (None, 42));
    }
}
