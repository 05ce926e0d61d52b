//! `xrpl-lab serve`: one process serving the JSON API, the WebSocket run stream and (from
//! `assets`) the web dashboard.
//!
//! The pieces: [`config`] (flags, loopback, token requirement), [`security`] (origin allow-list,
//! Host check, token), [`registry`] (every run's lifecycle), [`http`] (one file per resource),
//! [`ws`] (the run stream), [`openapi`], [`metrics`], and [`error`] (the one error envelope).
//! [`Server::bind`] binds and assembles the router; [`Server::run_until`] serves until a
//! shutdown signal and then shuts down gracefully (see there).

pub mod assets;
pub mod config;
pub mod error;
pub mod http;
pub mod lab;
pub mod metrics;
pub mod openapi;
pub mod registry;
pub mod security;
pub mod ws;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::net::TcpListener;

pub use config::{ConfigError, ServeConfig};
pub use error::ApiError;
pub use registry::{RegistryConfig, RunRegistry};

use crate::curriculum::{Catalog, CurriculumError};
use crate::runner::RunLauncher;
use metrics::Metrics;
use security::Security;

/// How long shutdown may take in total (the brief: exit within 5 s).
const SHUTDOWN_BOUND: Duration = Duration::from_millis(4500);

/// Why `serve` could not start or stopped abnormally.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot load the modules: {0}")]
    Modules(#[from] CurriculumError),
    #[error("the server stopped: {0}")]
    Io(#[from] std::io::Error),
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<ServeConfig>,
    pub registry: RunRegistry,
    pub security: Arc<Security>,
    pub metrics: Arc<Metrics>,
    /// The curriculum and the learner's files the learner-facing endpoints read.
    pub lab: Arc<lab::Lab>,
}

/// A server bound to its socket, ready to serve.
pub struct Server {
    listener: TcpListener,
    state: AppState,
    router: Router,
}

impl Server {
    /// Loads the curriculum (bundled modules plus `config.modules_dirs`), then [`Self::bind_with_catalog`].
    pub async fn bind(
        config: ServeConfig,
        launcher: Arc<dyn RunLauncher>,
    ) -> Result<Self, ServeError> {
        config.validate()?;
        let catalog = Arc::new(Catalog::load(&config.modules_dirs)?);
        Self::bind_with_catalog(config, catalog, launcher).await
    }

    /// Validates the configuration, binds, and assembles the router. Nothing is served yet.
    pub async fn bind_with_catalog(
        config: ServeConfig,
        catalog: Arc<Catalog>,
        launcher: Arc<dyn RunLauncher>,
    ) -> Result<Self, ServeError> {
        config.validate()?;
        let host = config.host.trim_start_matches('[').trim_end_matches(']');
        let listener = TcpListener::bind((host, config.port))
            .await
            .map_err(|source| ServeError::Bind {
                addr: format!("{}:{}", config.host, config.port),
                source,
            })?;
        let bound = listener.local_addr()?;
        let metrics = Arc::new(Metrics::default());
        let registry = RunRegistry::new(
            RegistryConfig {
                max_concurrent: config.max_concurrent,
                grace: config.run_grace,
                event_log_capacity: config.event_log_capacity,
                run_timeout: config.run_timeout,
            },
            launcher,
            metrics.clone(),
        );
        let lab = Arc::new(lab::Lab::new(&config, catalog));
        let state = AppState {
            security: Arc::new(Security::new(&config, bound)),
            config: Arc::new(config),
            registry,
            metrics,
            lab,
        };
        let router = router(state.clone());
        Ok(Self {
            listener,
            state,
            router,
        })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    pub fn registry(&self) -> &RunRegistry {
        &self.state.registry
    }

    /// The bound listener and the assembled router, for callers that serve them their own way
    /// (the browser tests wrap the router with a request log and fault injection).
    pub fn into_parts(self) -> (TcpListener, Router) {
        (self.listener, self.router)
    }

    /// Serves until `signal` resolves, then shuts down gracefully:
    ///
    /// 1. stop admitting runs and cancel every running one — each gets its terminal
    ///    `RUNTIME_CANCELLED` frame in its log, which attached WebSockets deliver before closing;
    /// 2. give WebSocket clients a moment to receive those frames, and run tasks to unwind;
    /// 3. stop accepting connections and let in-flight requests finish;
    ///
    /// all bounded so the process exits within five seconds of the signal.
    pub async fn run_until(
        self,
        signal: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), ServeError> {
        let Server {
            listener,
            state,
            router,
        } = self;
        let signalled = Arc::new(tokio::sync::Notify::new());
        let drain = {
            let signalled = signalled.clone();
            async move {
                signal.await;
                signalled.notify_one();
                tracing::info!("shutting down: cancelling running runs");
                state.registry.begin_shutdown();
                let clients_gone = async {
                    while state.metrics.ws_clients.load(Ordering::Relaxed) > 0 {
                        tokio::time::sleep(Duration::from_millis(10)).await;
                    }
                };
                let _ = tokio::time::timeout(Duration::from_secs(2), clients_gone).await;
                state
                    .registry
                    .wait_for_tasks(Duration::from_millis(500))
                    .await;
            }
        };
        let serving = axum::serve(listener, router)
            .with_graceful_shutdown(drain)
            .into_future();
        tokio::pin!(serving);
        tokio::select! {
            result = &mut serving => result?,
            _ = async { signalled.notified().await; tokio::time::sleep(SHUTDOWN_BOUND).await } => {
                tracing::warn!("connections still open at the shutdown deadline; closing them");
            }
        }
        tracing::info!("server stopped");
        Ok(())
    }
}

/// Turns framework-made error responses (unknown route, wrong method, extractor rejections)
/// into the JSON envelope, so every error has one shape.
async fn json_errors(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json") || v.starts_with("text/html"));
    // JSON envelopes and the dashboard's own 404 page already have their final shape.
    if is_json {
        return response;
    }
    match error::jsonify_framework_error(status, app.config.body_limit) {
        Some(err) => {
            if status.is_server_error() {
                tracing::error!(%status, "framework error replaced by the JSON envelope");
            }
            err.into_response()
        }
        None => response,
    }
}

async fn not_found() -> ApiError {
    ApiError::RouteNotFound
}

/// The whole application: API, WebSocket, OpenAPI, metrics, behind the security and error layers.
pub fn router(state: AppState) -> Router {
    let cors = state.security.cors_layer();
    Router::new()
        .merge(http::routes())
        .route("/api/run/{module_id}/ws", get(ws::run_stream))
        .route("/openapi.json", get(openapi::openapi_json))
        .route("/docs", get(openapi::docs_page))
        .route("/metrics", get(metrics::metrics))
        .merge(assets::router_with(state.config.ui.clone()))
        .fallback(not_found)
        .layer(axum::extract::DefaultBodyLimit::max(
            state.config.body_limit,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::guard,
        ))
        .layer(cors)
        .layer(middleware::from_fn_with_state(state.clone(), json_errors))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            metrics::track_latency,
        ))
        .with_state(state)
}
