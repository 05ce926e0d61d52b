//! The real `serve` application, started in-process on `127.0.0.1:0` for browser tests: the
//! server `xrpl-lab serve --dry-run` binds (API, WebSocket, dashboard) with the real runner,
//! running modules written for the test on the workspace's sandbox ledger, plus one thing the
//! product does not need — a log of every `GET /api/runs` with its arrival time, so polling
//! tests count at the server.
//!
//! Two fault knobs produce the pages' other states: `set_api_delay()` holds every `/api` answer
//! back (the loading skeleton, then the page's timeout state), and `stop()` shuts the server
//! down gracefully (the "server stopped" error state).

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::Request;
use axum::middleware::{self, Next};
use axum::response::Response;
use tokio::sync::oneshot;
use xrpl_lab::curriculum::Catalog;
use xrpl_lab::runner::launcher::ModuleLauncher;
use xrpl_lab::server::assets::UiConfig;
use xrpl_lab::server::{RunRegistry, ServeConfig, Server};
use xrpl_lab::workspace::LearnerFiles;

/// A running lab server.
pub struct Lab {
    pub addr: SocketAddr,
    pub registry: RunRegistry,
    runs_gets: Arc<Mutex<Vec<Instant>>>,
    api_delay_ms: Arc<AtomicU64>,
    /// The learner's home and workspace for this server.
    _files: tempfile::TempDir,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// A module file written for a test: its id and markdown.
#[derive(Debug, Clone)]
pub struct TestModule {
    pub id: String,
    pub markdown: String,
}

/// A module of `steps` steps whose actions really run on the sandbox ledger and succeed: the
/// learner's wallet, its funding, then account snapshots.
pub fn demo_module(id: &str, steps: usize) -> TestModule {
    let actions = (1..=steps)
        .map(|i| match i {
            1 => "ensure_wallet".to_string(),
            2 => "ensure_funded".to_string(),
            n => format!("snapshot_account label=part{n}"),
        })
        .collect();
    module_file(id, steps, Some(actions))
}

/// A module that fails for real at its third step: a trust line with no issuer in the run.
pub fn failing_module(id: &str) -> TestModule {
    let actions = vec![
        "ensure_wallet".to_string(),
        "ensure_funded".to_string(),
        "set_trust_line currency=LAB limit=10".to_string(),
    ];
    module_file(id, 3, Some(actions))
}

/// A module of `steps` reading steps: no action, nothing that can fail.
pub fn reading_module(id: &str, steps: usize) -> TestModule {
    module_file(id, steps, None)
}

fn module_file(id: &str, steps: usize, actions: Option<Vec<String>>) -> TestModule {
    let mut md = format!(
        "---\nid: {id}\ntitle: \"Test module {id}\"\ntime: 5 min\nlevel: beginner\n\
         track: foundations\nsummary: \"A module written by a browser test.\"\norder: 90\n\
         mode: dry-run\nrequires: []\nproduces:\n  - report\nchecks:\n  - \"It ran\"\n---\n\n\
         A module written by a browser test.\n"
    );
    for i in 1..=steps {
        md.push_str(&format!(
            "\n## Step {i}: read part {i}\n\nSome text of part {i}.\n"
        ));
        if let Some(action) = actions.as_ref().and_then(|a| a.get(i - 1)) {
            md.push_str(&format!("\n<!-- action: {action} -->\n"));
        }
    }
    TestModule {
        id: id.to_string(),
        markdown: md,
    }
}

/// What the server thread hands back once it listens.
struct Started {
    addr: SocketAddr,
    registry: RunRegistry,
    runs_gets: Arc<Mutex<Vec<Instant>>>,
    api_delay_ms: Arc<AtomicU64>,
}

impl Lab {
    /// Starts the application with `--dry-run`, the given step delay and page timings.
    pub async fn start(step_delay: Duration, ui: UiConfig, modules: Vec<TestModule>) -> Lab {
        Self::start_with(
            ServeConfig {
                host: "127.0.0.1".into(),
                port: 0,
                dry_run: true,
                step_delay,
                ui,
                ..ServeConfig::default()
            },
            modules,
        )
        .await
    }

    /// Starts the application with a full configuration.
    ///
    /// The server gets a runtime of its own on its own thread, so that `stop()` can end it the
    /// way a killed process ends: every connection dropped mid-request, not drained.
    pub async fn start_with(config: ServeConfig, modules: Vec<TestModule>) -> Lab {
        // The bundled curriculum plus the test's own module files, loaded the way `serve` does.
        let dir = tempfile::tempdir().expect("module dir");
        for m in &modules {
            std::fs::write(dir.path().join(format!("{}.md", m.id)), &m.markdown)
                .expect("module file");
        }
        let catalog = Catalog::load(&[dir.path().to_path_buf()]).expect("catalog");
        for m in &modules {
            assert!(
                catalog.get(&m.id).is_some(),
                "test module {} did not load: {:?}",
                m.id,
                catalog.warnings()
            );
        }
        // The learner's files live in the test's own temp dirs, never in the real home.
        let files = tempfile::tempdir().expect("learner dirs");
        let config = ServeConfig {
            // The doctor page checks endpoints for real: keep them on loopback (nothing listens
            // on port 9), so no test ever reaches beyond this machine.
            doctor_endpoints: config.doctor_endpoints.or_else(|| {
                Some((
                    "http://127.0.0.1:9/".to_string(),
                    "http://127.0.0.1:9/accounts".to_string(),
                ))
            }),
            home_dir: config.home_dir.or_else(|| Some(files.path().join("home"))),
            workspace_dir: config
                .workspace_dir
                .or_else(|| Some(files.path().join("workspace"))),
            ..config
        };
        let (ready_tx, ready_rx) = oneshot::channel::<Started>();
        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .expect("server runtime");
            rt.block_on(async move {
                let catalog = Arc::new(catalog);
                let launcher = Arc::new(
                    ModuleLauncher::open(
                        Arc::clone(&catalog),
                        LearnerFiles::resolve(
                            config.home_dir.clone(),
                            config.workspace_dir.clone(),
                        ),
                        config.step_delay,
                    )
                    .expect("the real runner"),
                );
                let server = Server::bind_with_catalog(config, catalog, launcher)
                    .await
                    .expect("bind the lab server");
                let registry = server.registry().clone();
                let (listener, router) = server.into_parts();
                let addr = listener.local_addr().expect("bound address");
                let runs_gets: Arc<Mutex<Vec<Instant>>> = Arc::default();
                let api_delay_ms: Arc<AtomicU64> = Arc::default();
                let app = router.layer(middleware::from_fn({
                    let log = runs_gets.clone();
                    let delay = api_delay_ms.clone();
                    move |req: Request, next: Next| {
                        let log = log.clone();
                        let delay = delay.load(Ordering::Relaxed);
                        async move {
                            if req.method() == axum::http::Method::GET
                                && req.uri().path() == "/api/runs"
                            {
                                log.lock().unwrap().push(Instant::now());
                            }
                            if delay > 0 && req.uri().path().starts_with("/api/") {
                                tokio::time::sleep(Duration::from_millis(delay)).await;
                            }
                            let res: Response = next.run(req).await;
                            res
                        }
                    }
                }));
                let _ = ready_tx.send(Started {
                    addr,
                    registry,
                    runs_gets,
                    api_delay_ms,
                });
                tokio::spawn(async move {
                    let _ = axum::serve(listener, app).await;
                });
                let _ = stop_rx.await;
            });
            rt.shutdown_background();
        });
        let started = ready_rx.await.expect("server started");
        Lab {
            addr: started.addr,
            registry: started.registry,
            runs_gets: started.runs_gets,
            api_delay_ms: started.api_delay_ms,
            _files: files,
            stop: Some(stop_tx),
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT` + path.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Arrival times of every `GET /api/runs` so far.
    pub fn runs_gets(&self) -> Vec<Instant> {
        self.runs_gets.lock().unwrap().clone()
    }

    /// How many `GET /api/runs` arrived in `[from, to)`.
    pub fn runs_gets_between(&self, from: Instant, to: Instant) -> usize {
        self.runs_gets()
            .iter()
            .filter(|t| **t >= from && **t < to)
            .count()
    }

    /// Starts a run through the API, as a learner's page would. Returns the run id.
    pub async fn start_run(&self, module: &str, learner: Option<&str>) -> String {
        let mut url = format!("{}?dry_run=true", self.url(&format!("/api/run/{module}")));
        if let Some(l) = learner {
            url.push_str(&format!("&learner={l}"));
        }
        let res = reqwest::Client::new()
            .post(url)
            .send()
            .await
            .expect("start run");
        assert!(res.status().is_success(), "start run: {}", res.status());
        let body: serde_json::Value = res.json().await.expect("json");
        body["run_id"].as_str().expect("run_id").to_string()
    }

    /// `GET /api/runs/{id}` → its status, or None when the server no longer knows it.
    pub async fn run_status(&self, id: &str) -> Option<String> {
        let res = reqwest::get(self.url(&format!("/api/runs/{id}")))
            .await
            .ok()?;
        if !res.status().is_success() {
            return None;
        }
        let body: serde_json::Value = res.json().await.ok()?;
        body["status"].as_str().map(str::to_string)
    }

    /// Holds every `/api` answer back this long (zero: answer at once).
    pub fn set_api_delay(&self, delay: Duration) {
        self.api_delay_ms
            .store(delay.as_millis() as u64, Ordering::Relaxed);
    }

    /// Stops the server like a killed process: the listener and every open connection go away,
    /// requests in flight are never answered.
    pub fn stop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Lab {
    fn drop(&mut self) {
        self.stop();
    }
}
