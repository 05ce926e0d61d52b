//! Renders a run's events on a terminal: the CLI's sink for `xrpl-lab run`.
//!
//! The same [`RunEvent`]s that the server streams to the dashboard are printed here, so the
//! terminal and the live run page never tell two different stories. Colour goes through
//! `anstream`, which strips it when stdout is not a terminal or `NO_COLOR` is set, so piping the
//! output into a file or a script gives plain text.

use std::io::Write;

use owo_colors::OwoColorize;

use super::RunEvent;

/// Writes events to stdout as they come.
pub struct TerminalSink {
    out: anstream::AutoStream<std::io::Stdout>,
}

impl Default for TerminalSink {
    fn default() -> Self {
        Self {
            out: anstream::AutoStream::auto(std::io::stdout()),
        }
    }
}

impl TerminalSink {
    pub fn new() -> Self {
        Self::default()
    }

    /// Prints one event. Write errors (a closed pipe) are ignored: the run itself goes on and
    /// its state and report are what count.
    pub fn emit(&mut self, event: &RunEvent) {
        let _ = render(&mut self.out, event);
        let _ = self.out.flush();
    }
}

/// Writes one event as the learner sees it.
pub fn render(out: &mut impl Write, event: &RunEvent) -> std::io::Result<()> {
    match event {
        RunEvent::Output { text } => writeln!(out, "{text}"),
        RunEvent::Step {
            action,
            index,
            total,
        } => writeln!(
            out,
            "{} {}",
            format!("[{}/{}]", index + 1, total).dimmed(),
            format!("→ {action}").cyan().bold()
        ),
        RunEvent::Tx { txid, result_code } => {
            let code = if result_code == "tesSUCCESS" {
                result_code.green().to_string()
            } else {
                result_code.yellow().to_string()
            };
            writeln!(out, "  {} {txid}  {code}", "tx".dimmed())
        }
        RunEvent::StepComplete { action, success } => {
            if *success {
                writeln!(out, "  {} {action}\n", "✓".green())
            } else {
                writeln!(out, "  {} {action}\n", "✗".red())
            }
        }
        RunEvent::Complete {
            success,
            txids,
            report_path,
        } => {
            let count = match txids.len() {
                1 => "1 transaction recorded".to_string(),
                n => format!("{n} transactions recorded"),
            };
            if *success {
                writeln!(out, "{} {count}", "Module complete.".green().bold())?;
            } else {
                writeln!(
                    out,
                    "{} {count}",
                    "Module finished with a failed step.".red().bold()
                )?;
            }
            if !report_path.is_empty() {
                writeln!(out, "Report saved to {report_path}")?;
            }
            Ok(())
        }
        RunEvent::Error {
            code,
            message,
            hint,
            ..
        } => {
            writeln!(out, "{} {code}", "Run stopped:".red().bold())?;
            writeln!(out, "  {message}")?;
            writeln!(out, "  Hint: {hint}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(event: &RunEvent) -> String {
        let mut buf = anstream::StripStream::new(Vec::new());
        render(&mut buf, event).unwrap();
        String::from_utf8(buf.into_inner()).unwrap()
    }

    #[test]
    fn renders_plain_text_without_markup() {
        assert_eq!(
            plain(&RunEvent::Step {
                action: "set_trust_line".into(),
                index: 4,
                total: 9
            }),
            "[5/9] → set_trust_line\n"
        );
        let done = plain(&RunEvent::Complete {
            success: true,
            txids: vec!["AB".into()],
            report_path: ".xrpl-lab/reports/x.md".into(),
        });
        assert!(done.contains("1 transaction recorded"));
        assert!(done.contains("Report saved to .xrpl-lab/reports/x.md"));
        assert!(!done.contains('\u{1b}'));
    }
}
