//! Where the log breaks: a separator where the date changes, and runs of one author
//! drawn as one group (the author named once), as messengers do.

/// Who wrote a line of the log, as far as grouping cares.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Author<'a> {
    /// The signed-in agent.
    Me,
    /// Another participant, by participantId (or nickname, when the id is missing).
    Other(&'a str),
    /// A join, a leave or another event: never grouped.
    Event,
}

/// One line of the log, as grouping sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line<'a> {
    pub author: Author<'a>,
    pub agents_only: bool,
    /// When it was written (ms since the epoch), and the local day of that.
    pub at: Option<(f64, i64)>,
}

/// How a line joins the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Join {
    /// A new day begins with this line: a separator goes before it.
    pub new_day: bool,
    /// The same author goes on: the line is drawn as part of the previous one's group.
    pub continues: bool,
}

/// Lines further apart than this start a group of their own.
const GROUP_GAP_MS: f64 = 5.0 * 60_000.0;

/// Walks the lines in log order, remembering the last line and the last day seen.
#[derive(Debug, Default)]
pub struct Flow<'a> {
    last: Option<Line<'a>>,
    day: Option<i64>,
}

impl<'a> Flow<'a> {
    /// Starts after `before`, the last line shown above (none at the top of the log).
    pub fn after(before: Option<Line<'a>>) -> Self {
        Flow {
            day: before.and_then(|line| line.at).map(|(_, day)| day),
            last: before,
        }
    }

    pub fn next(&mut self, line: Line<'a>) -> Join {
        let day = line.at.map(|(_, day)| day);
        let new_day = day.is_some() && day != self.day;
        let continues = !new_day
            && line.author != Author::Event
            && self.last.is_some_and(|last| {
                last.author == line.author
                    && last.agents_only == line.agents_only
                    && match (last.at, line.at) {
                        (Some((before, _)), Some((now, _))) => now - before <= GROUP_GAP_MS,
                        _ => true,
                    }
            });
        if day.is_some() {
            self.day = day;
        }
        self.last = Some(line);
        Join { new_day, continues }
    }
}

/// The local day of `millis`, given the zone's offset from UTC in minutes at that
/// instant (as `Date.getTimezoneOffset` gives it: UTC minus local).
pub fn local_day(millis: f64, offset_minutes: f64) -> i64 {
    ((millis - offset_minutes * 60_000.0) / 86_400_000.0).floor() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: f64 = 86_400_000.0;
    /// 2026-12-04 09:00 UTC.
    const MORNING: f64 = 1_796_374_800_000.0;

    fn line(author: Author<'static>, at: f64) -> Line<'static> {
        Line {
            author,
            agents_only: false,
            at: Some((at, local_day(at, 0.0))),
        }
    }

    fn joins(lines: &[Line<'static>]) -> Vec<(bool, bool)> {
        let mut flow = Flow::after(None);
        lines
            .iter()
            .map(|&l| {
                let join = flow.next(l);
                (join.new_day, join.continues)
            })
            .collect()
    }

    #[test]
    fn one_author_in_a_row_is_one_group_and_the_first_line_opens_the_day() {
        let c = Author::Other("customer-1");
        assert_eq!(
            joins(&[
                line(c, MORNING),
                line(c, MORNING + 10_000.0),
                line(Author::Me, MORNING + 20_000.0),
                line(Author::Me, MORNING + 30_000.0),
                line(c, MORNING + 40_000.0),
            ]),
            [
                (true, false),
                (false, true),
                (false, false),
                (false, true),
                (false, false)
            ]
        );
    }

    #[test]
    fn events_visibility_and_long_pauses_break_a_group() {
        let c = Author::Other("customer-1");
        let mut note = line(Author::Me, MORNING + 2_000.0);
        note.agents_only = true;
        assert_eq!(
            joins(&[
                line(Author::Me, MORNING),
                note,
                line(Author::Event, MORNING + 3_000.0),
                line(Author::Event, MORNING + 4_000.0),
                line(c, MORNING + 5_000.0),
                line(c, MORNING + 5_000.0 + GROUP_GAP_MS + 1.0),
            ])
            .into_iter()
            .map(|(_, continues)| continues)
            .collect::<Vec<_>>(),
            [false, false, false, false, false, false]
        );
    }

    #[test]
    fn a_new_day_separates_and_starts_a_new_group() {
        let c = Author::Other("customer-1");
        // 22:58 and 23:00 UTC: one day in UTC, 23:58 and 00:00 in UTC+1.
        let late = MORNING + 13.0 * 3_600_000.0 + 58.0 * 60_000.0;
        let next = late + 2.0 * 60_000.0;
        assert_eq!(
            joins(&[line(c, late), line(c, next)]),
            [(true, false), (false, true)]
        );
        let mut flow = Flow::after(None);
        let in_paris = |at: f64| Line {
            author: c,
            agents_only: false,
            at: Some((at, local_day(at, -60.0))),
        };
        flow.next(in_paris(late));
        assert_eq!(
            flow.next(in_paris(next)),
            Join {
                new_day: true,
                continues: false
            }
        );
    }

    #[test]
    fn lines_without_a_time_neither_repeat_nor_hide_the_day() {
        let mut flow = Flow::after(Some(line(Author::Me, MORNING)));
        let untimed = Line {
            author: Author::Me,
            agents_only: false,
            at: None,
        };
        assert_eq!(
            flow.next(untimed),
            Join {
                new_day: false,
                continues: true
            }
        );
        assert!(!flow.next(line(Author::Me, MORNING + 60_000.0)).new_day);
        assert!(flow.next(line(Author::Me, MORNING + DAY)).new_day);
    }

    #[test]
    fn the_local_day_follows_the_offset() {
        assert_eq!(
            local_day(MORNING, 0.0),
            local_day(MORNING + 14.9 * 3_600_000.0, 0.0)
        );
        assert_eq!(
            local_day(MORNING - 9.5 * 3_600_000.0, 0.0) + 1,
            local_day(MORNING, 0.0)
        );
        // UTC−10 (offset +600): 09:00 UTC is still the day before.
        assert_eq!(local_day(MORNING, 600.0) + 1, local_day(MORNING, 0.0));
    }
}
