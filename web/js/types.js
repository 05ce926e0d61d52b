//! The API's JSON shapes as the pages read them (JSDoc only: no code). They mirror the server's
//! Rust response types; `browser_contract.rs` checks them against `/openapi.json` so the page and
//! the server cannot drift apart silently.

/**
 * @typedef {'running'|'completed'|'failed'|'cancelled'} RunStatus
 *
 * @typedef {Object} RunInfo
 * @property {string} run_id
 * @property {string} module_id
 * @property {RunStatus} status
 * @property {string} created_at       ISO-8601 UTC
 * @property {number} elapsed_seconds  stops growing when the run ends
 * @property {number} queue_size       frames not yet delivered to the run's clients
 * @property {boolean} dry_run
 * @property {string|null} [learner]   label from `?learner=` on start
 * @property {string|null} [finished_at]
 *
 * @typedef {Object} RunListResponse
 * @property {RunInfo[]} runs
 * @property {number} max_concurrent
 * @property {number} active_count
 *
 * @typedef {Object} RunCancelResponse
 * @property {string} run_id
 * @property {'cancelled'|'already_terminated'} status
 * @property {string} message
 *
 * @typedef {Object} RunStartResponse
 * @property {string} run_id
 * @property {'started'} status
 *
 * @typedef {Object} TrackProgressItem
 * @property {string} track
 * @property {string[]} completed
 * @property {string[]} remaining
 * @property {number} total
 * @property {number} done
 * @property {boolean} is_complete
 *
 * @typedef {Object} StatusResponse
 * @property {number} modules_completed
 * @property {number} modules_total
 * @property {boolean} wallet_configured
 * @property {string|null} wallet_address
 * @property {{module: string, timestamp: string, success: boolean}|null} last_run
 * @property {string} workspace
 * @property {string|null} current_module
 * @property {string|null} current_track
 * @property {string|null} current_mode
 * @property {string[]} blockers
 * @property {boolean} is_blocked
 * @property {TrackProgressItem[]} track_progress
 * @property {boolean} has_proof_pack
 * @property {boolean} has_certificate
 * @property {number} report_count
 * @property {string} network
 * @property {string} version
 *
 * @typedef {Object} ModuleSummary
 * @property {string} id
 * @property {string} title
 * @property {string} track
 * @property {string} summary
 * @property {string} level
 * @property {string} time_estimate
 * @property {string} mode
 * @property {string[]} requires
 * @property {string[]} produces
 * @property {string[]} checks
 * @property {boolean} completed
 * @property {boolean} is_next
 *
 * @typedef {Object} ModuleDetail
 * @property {string} id
 * @property {string} title
 * @property {string} level
 * @property {string} time_estimate
 * @property {string[]} prerequisites
 * @property {string[]} artifacts
 * @property {string[]} checks
 * @property {boolean} completed
 * @property {string} description
 * @property {string[]} steps
 *
 * @typedef {Object} DoctorCheck
 * @property {string} name
 * @property {'pass'|'warn'|'fail'} status
 * @property {string} message
 *
 * @typedef {Object} DoctorResponse
 * @property {'healthy'|'warning'|'error'} overall
 * @property {DoctorCheck[]} checks
 *
 * @typedef {Object} ReportSummary
 * @property {string} title
 * @property {string} generated
 * @property {string} content
 *
 * @typedef {Object} VerifyTxResult
 * @property {string} txid
 * @property {string} network
 * @property {'PASS'|'FAIL'|'SKIPPED'} status
 * @property {string} reason
 * @property {string[]} checks
 * @property {string} explorer_url
 *
 * @typedef {Object} VerifyLiveResult
 * @property {boolean} overall_passed
 * @property {number} passed
 * @property {number} failed
 * @property {number} skipped
 * @property {string} note
 * @property {VerifyTxResult[]} tx_results
 *
 * @typedef {Object} VerifyResponse
 * @property {'proof_pack'|'certificate'} artifact_kind
 * @property {boolean} hash_valid
 * @property {string} hash_message
 * @property {boolean} overall_passed
 * @property {boolean} live_requested
 * @property {VerifyLiveResult|null} live
 * @property {string} version
 * @property {string} address
 * @property {string} network
 *
 * @typedef {{type:'step', action:string, index:number, total:number, seq?:number}
 *   | {type:'output', text:string, seq?:number}
 *   | {type:'step_complete', action:string, success:boolean, seq?:number}
 *   | {type:'tx', txid:string, result_code:string, seq?:number}
 *   | {type:'complete', success:boolean, txids:string[], report_path:string, seq?:number}
 *   | {type:'error', code:string, message:string, hint:string, severity:string, icon_hint:string, seq?:number}
 *   | {type:'ping'}} RunFrame
 */

export {};
