//! The engine-result catalogue (rippled's `TER`): token, numeric code and human message.
//!
//! Every rule the engine enforces ends in one of these. The class prefix decides what a result
//! does to the ledger, and callers (the RPC face, the lab's transport) rely on it:
//! `tes` applied; `tec` claimed (fee burned, sequence consumed, nothing else changed);
//! `tef`/`ter`/`tem`/`tel` not applied at all. Numeric codes match `definitions.json`
//! (a test checks that), messages are rippled's wording.

use std::fmt;

/// What a result class means for the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TerClass {
    /// `tes`: applied.
    Success,
    /// `tec`: included in a ledger, fee burned, no other effect.
    Claimed,
    /// `tef`: failed against the ledger state; cannot succeed in the future.
    Failure,
    /// `ter`: could succeed later (e.g. after an earlier Sequence arrives); not applied now.
    Retry,
    /// `tem`: malformed; can never succeed.
    Malformed,
    /// `tel`: refused by this server (local policy such as fee too low).
    Local,
}

macro_rules! ter_catalogue {
    ($($variant:ident = $token:literal, $code:literal, $msg:literal;)+) => {
        /// One engine result. `Copy`, cheap to compare; see [`Ter::token`], [`Ter::code`], [`Ter::message`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[allow(non_camel_case_types)]
        pub enum Ter { $($variant,)+ }

        impl Ter {
            /// Every result the engine can produce.
            pub const ALL: &'static [Ter] = &[$(Ter::$variant,)+];

            /// rippled's token, e.g. `tecUNFUNDED_PAYMENT`.
            pub const fn token(self) -> &'static str {
                match self { $(Ter::$variant => $token,)+ }
            }

            /// The numeric code (`engine_result_code`), as in `definitions.json`.
            pub const fn code(self) -> i32 {
                match self { $(Ter::$variant => $code,)+ }
            }

            /// rippled's human explanation (`engine_result_message`).
            pub const fn message(self) -> &'static str {
                match self { $(Ter::$variant => $msg,)+ }
            }

            /// Looks a result up by its token.
            pub fn from_token(token: &str) -> Option<Ter> {
                match token { $($token => Some(Ter::$variant),)+ _ => None }
            }
        }
    };
}

ter_catalogue! {
    tesSUCCESS = "tesSUCCESS", 0, "The transaction was applied. Only final in a validated ledger.";

    tecCLAIM = "tecCLAIM", 100, "Fee claimed. Sequence used. No action.";
    tecPATH_PARTIAL = "tecPATH_PARTIAL", 101, "Path could not send full amount.";
    tecUNFUNDED_ADD = "tecUNFUNDED_ADD", 102, "Insufficient XRP balance for WalletAdd.";
    tecUNFUNDED_OFFER = "tecUNFUNDED_OFFER", 103, "Insufficient balance to fund created offer.";
    tecUNFUNDED_PAYMENT = "tecUNFUNDED_PAYMENT", 104, "Insufficient XRP balance to send.";
    tecFAILED_PROCESSING = "tecFAILED_PROCESSING", 105, "Failed to correctly process transaction.";
    tecDIR_FULL = "tecDIR_FULL", 121, "Can not add entry to full directory.";
    tecINSUF_RESERVE_LINE = "tecINSUF_RESERVE_LINE", 122, "Insufficient reserve to add trust line.";
    tecINSUF_RESERVE_OFFER = "tecINSUF_RESERVE_OFFER", 123, "Insufficient reserve to create offer.";
    tecNO_DST = "tecNO_DST", 124, "Destination does not exist. Send XRP to create it.";
    tecNO_DST_INSUF_XRP = "tecNO_DST_INSUF_XRP", 125, "Destination does not exist. Too little XRP sent to create it.";
    tecNO_LINE_INSUF_RESERVE = "tecNO_LINE_INSUF_RESERVE", 126, "No such line. Too little reserve to create it.";
    tecNO_LINE_REDUNDANT = "tecNO_LINE_REDUNDANT", 127, "Can't set non-existent line to default.";
    tecPATH_DRY = "tecPATH_DRY", 128, "Path could not send partial amount.";
    tecUNFUNDED = "tecUNFUNDED", 129, "One of _ADD, _OFFER, or _SEND. Deprecated.";
    tecNO_ALTERNATIVE_KEY = "tecNO_ALTERNATIVE_KEY", 130, "The operation would remove the ability to sign transactions with the account.";
    tecNO_REGULAR_KEY = "tecNO_REGULAR_KEY", 131, "Regular key is not set.";
    tecOWNERS = "tecOWNERS", 132, "Non-zero owner count.";
    tecNO_ISSUER = "tecNO_ISSUER", 133, "Issuer account does not exist.";
    tecNO_AUTH = "tecNO_AUTH", 134, "Not authorized to hold asset.";
    tecNO_LINE = "tecNO_LINE", 135, "No such line.";
    tecINSUFF_FEE = "tecINSUFF_FEE", 136, "Insufficient balance to pay fee.";
    tecFROZEN = "tecFROZEN", 137, "Asset is frozen.";
    tecNO_TARGET = "tecNO_TARGET", 138, "Target account does not exist.";
    tecNO_PERMISSION = "tecNO_PERMISSION", 139, "No permission to perform requested operation.";
    tecNO_ENTRY = "tecNO_ENTRY", 140, "No matching entry found.";
    tecINSUFFICIENT_RESERVE = "tecINSUFFICIENT_RESERVE", 141, "Insufficient reserve to complete requested operation.";
    tecNEED_MASTER_KEY = "tecNEED_MASTER_KEY", 142, "The operation requires the use of the Master Key.";
    tecDST_TAG_NEEDED = "tecDST_TAG_NEEDED", 143, "A destination tag is required.";
    tecINTERNAL = "tecINTERNAL", 144, "An internal error has occurred during processing.";
    tecCRYPTOCONDITION_ERROR = "tecCRYPTOCONDITION_ERROR", 146, "Malformed, invalid, or mismatched conditional or fulfillment.";
    tecEXPIRED = "tecEXPIRED", 148, "Expiration time is passed.";
    tecDUPLICATE = "tecDUPLICATE", 149, "Ledger object already exists.";
    tecKILLED = "tecKILLED", 150, "No funds transferred and no offer created.";
    tecHAS_OBLIGATIONS = "tecHAS_OBLIGATIONS", 151, "The account cannot be deleted since it has obligations.";
    tecINSUFFICIENT_FUNDS = "tecINSUFFICIENT_FUNDS", 159, "Not enough funds available to complete requested transaction.";
    tecTOO_SOON = "tecTOO_SOON", 152, "It is too early to attempt the requested operation. Please wait.";
    // NFTs, MPTs, DIDs and AMM pools (issue 7).
    tecMAX_SEQUENCE_REACHED = "tecMAX_SEQUENCE_REACHED", 154, "The maximum sequence number was reached.";
    tecNO_SUITABLE_NFTOKEN_PAGE = "tecNO_SUITABLE_NFTOKEN_PAGE", 155, "A suitable NFToken page could not be located.";
    tecNFTOKEN_BUY_SELL_MISMATCH = "tecNFTOKEN_BUY_SELL_MISMATCH", 156, "The purchase and sale offers must be for the same NFToken.";
    tecNFTOKEN_OFFER_TYPE_MISMATCH = "tecNFTOKEN_OFFER_TYPE_MISMATCH", 157, "The type of the offer is incorrect.";
    tecCANT_ACCEPT_OWN_NFTOKEN_OFFER = "tecCANT_ACCEPT_OWN_NFTOKEN_OFFER", 158, "An NFToken offer cannot be claimed by its owner.";
    tecOBJECT_NOT_FOUND = "tecOBJECT_NOT_FOUND", 160, "A requested object could not be located.";
    tecINSUFFICIENT_PAYMENT = "tecINSUFFICIENT_PAYMENT", 161, "The payment is not sufficient.";
    tecUNFUNDED_AMM = "tecUNFUNDED_AMM", 162, "Insufficient balance to fund AMM.";
    tecAMM_BALANCE = "tecAMM_BALANCE", 163, "AMM has invalid balance.";
    tecAMM_FAILED = "tecAMM_FAILED", 164, "AMM transaction failed.";
    tecAMM_INVALID_TOKENS = "tecAMM_INVALID_TOKENS", 165, "AMM invalid LP tokens.";
    tecAMM_EMPTY = "tecAMM_EMPTY", 166, "AMM is in empty state.";
    tecAMM_NOT_EMPTY = "tecAMM_NOT_EMPTY", 167, "AMM is not in empty state.";
    tecAMM_ACCOUNT = "tecAMM_ACCOUNT", 168, "This operation is not allowed on an AMM Account.";
    tecEMPTY_DID = "tecEMPTY_DID", 187, "The DID object did not have a URI or DIDDocument field.";
    tecLOCKED = "tecLOCKED", 192, "Fund is locked.";

    tefFAILURE = "tefFAILURE", -199, "Failed to apply.";
    tefALREADY = "tefALREADY", -198, "The exact transaction was already in this ledger.";
    tefBAD_AUTH = "tefBAD_AUTH", -196, "Transaction's public key is not authorized.";
    tefNO_AUTH_REQUIRED = "tefNO_AUTH_REQUIRED", -191, "Auth is not required.";
    tefINTERNAL = "tefINTERNAL", -192, "Internal error.";
    tefPAST_SEQ = "tefPAST_SEQ", -190, "This sequence number has already passed.";
    tefMASTER_DISABLED = "tefMASTER_DISABLED", -188, "Master key is disabled.";
    tefMAX_LEDGER = "tefMAX_LEDGER", -187, "Ledger sequence too high.";
    tefNOT_MULTI_SIGNING = "tefNOT_MULTI_SIGNING", -184, "Account has no appropriate list of multisigners.";
    tefNO_TICKET = "tefNO_TICKET", -180, "Ticket is not in ledger.";
    tefNFTOKEN_IS_NOT_TRANSFERABLE = "tefNFTOKEN_IS_NOT_TRANSFERABLE", -179, "The specified NFToken is not transferable.";

    terRETRY = "terRETRY", -99, "Retry transaction.";
    terINSUF_FEE_B = "terINSUF_FEE_B", -97, "Account balance can't pay fee.";
    terNO_ACCOUNT = "terNO_ACCOUNT", -96, "The source account does not exist.";
    terNO_AUTH = "terNO_AUTH", -95, "Not authorized to hold IOUs.";
    terNO_LINE = "terNO_LINE", -94, "No such line.";
    terPRE_SEQ = "terPRE_SEQ", -92, "Missing/inapplicable prior transaction.";
    terPRE_TICKET = "terPRE_TICKET", -88, "Ticket is not yet in ledger.";
    terNO_RIPPLE = "terNO_RIPPLE", -90, "Path does not permit rippling.";
    terNO_AMM = "terNO_AMM", -87, "AMM doesn't exist for the asset pair.";

    temMALFORMED = "temMALFORMED", -299, "Malformed transaction.";
    temBAD_AMOUNT = "temBAD_AMOUNT", -298, "Malformed: Bad amount.";
    temBAD_CURRENCY = "temBAD_CURRENCY", -297, "Malformed: Bad currency.";
    temBAD_EXPIRATION = "temBAD_EXPIRATION", -296, "Malformed: Bad expiration.";
    temBAD_FEE = "temBAD_FEE", -295, "Invalid fee, negative or not XRP.";
    temBAD_ISSUER = "temBAD_ISSUER", -294, "Malformed: Bad issuer.";
    temBAD_LIMIT = "temBAD_LIMIT", -293, "Limits must be non-negative.";
    temBAD_OFFER = "temBAD_OFFER", -292, "Malformed: Bad offer.";
    temBAD_PATH = "temBAD_PATH", -291, "Malformed: Bad path.";
    temBAD_PATH_LOOP = "temBAD_PATH_LOOP", -290, "Malformed: Loop in path.";
    temBAD_REGKEY = "temBAD_REGKEY", -289, "Malformed: Regular key cannot be same as master key.";
    temBAD_SEND_XRP_LIMIT = "temBAD_SEND_XRP_LIMIT", -288, "Malformed: Limit quality is not allowed for XRP to XRP.";
    temBAD_SEND_XRP_MAX = "temBAD_SEND_XRP_MAX", -287, "Malformed: Send max is not allowed for XRP to XRP.";
    temBAD_SEND_XRP_NO_DIRECT = "temBAD_SEND_XRP_NO_DIRECT", -286, "Malformed: No Ripple direct is not allowed for XRP to XRP.";
    temBAD_SEND_XRP_PARTIAL = "temBAD_SEND_XRP_PARTIAL", -285, "Malformed: Partial payment is not allowed for XRP to XRP.";
    temBAD_SEND_XRP_PATHS = "temBAD_SEND_XRP_PATHS", -284, "Malformed: Paths are not allowed for XRP to XRP.";
    temBAD_SEQUENCE = "temBAD_SEQUENCE", -283, "Malformed: Sequence is not in the past.";
    temBAD_SIGNATURE = "temBAD_SIGNATURE", -282, "Malformed: Bad signature.";
    temBAD_SIGNER = "temBAD_SIGNER", -272, "Malformed: No signer may duplicate account or other signers.";
    temBAD_SRC_ACCOUNT = "temBAD_SRC_ACCOUNT", -281, "Malformed: Bad source account.";
    temBAD_TRANSFER_RATE = "temBAD_TRANSFER_RATE", -280, "Malformed: Transfer rate must be >= 1.0 and <= 2.0";
    temBAD_AMM_TOKENS = "temBAD_AMM_TOKENS", -261, "Malformed: Invalid LPTokens.";
    temBAD_NFTOKEN_TRANSFER_FEE = "temBAD_NFTOKEN_TRANSFER_FEE", -262, "Malformed: The NFToken transfer fee must be between 1 and 5000, inclusive.";
    temEMPTY_DID = "temEMPTY_DID", -254, "Malformed: No DID data provided.";
    temBAD_TRANSFER_FEE = "temBAD_TRANSFER_FEE", -251, "Malformed: Transfer fee is outside valid range.";
    temBAD_MPT = "temBAD_MPT", -249, "Malformed: bad MPT.";
    temDST_IS_SRC = "temDST_IS_SRC", -279, "Destination may not be source.";
    temDST_NEEDED = "temDST_NEEDED", -278, "Destination not specified.";
    temINVALID = "temINVALID", -277, "The transaction is ill-formed.";
    temINVALID_FLAG = "temINVALID_FLAG", -276, "The transaction has an invalid flag.";
    temREDUNDANT = "temREDUNDANT", -275, "The transaction is redundant.";
    temRIPPLE_EMPTY = "temRIPPLE_EMPTY", -274, "PathSet with no paths.";
    temDISABLED = "temDISABLED", -273, "The transaction requires logic that is currently disabled.";
    temBAD_TICK_SIZE = "temBAD_TICK_SIZE", -269, "Malformed: Tick size out of range.";
    temINVALID_ACCOUNT_ID = "temINVALID_ACCOUNT_ID", -268, "Malformed: A field contains an invalid account ID.";
    temCANNOT_PREAUTH_SELF = "temCANNOT_PREAUTH_SELF", -267, "Malformed: An account may not preauthorize itself.";
    temINVALID_COUNT = "temINVALID_COUNT", -266, "Malformed: Count field outside valid range.";
    temUNKNOWN = "temUNKNOWN", -264, "The transaction requires logic that is not implemented yet.";
    temSEQ_AND_TICKET = "temSEQ_AND_TICKET", -263, "Transaction contains a TicketSequence and a non-zero Sequence.";

    telLOCAL_ERROR = "telLOCAL_ERROR", -399, "Local failure.";
    telBAD_DOMAIN = "telBAD_DOMAIN", -398, "Domain too long.";
    telBAD_PATH_COUNT = "telBAD_PATH_COUNT", -397, "Malformed: Too many paths.";
    telINSUF_FEE_P = "telINSUF_FEE_P", -394, "Fee insufficient.";
    telNO_DST_PARTIAL = "telNO_DST_PARTIAL", -393, "Partial payment to create account not allowed.";
    telNETWORK_ID_MAKES_TX_NON_CANONICAL = "telNETWORK_ID_MAKES_TX_NON_CANONICAL", -384, "Transactions submitted to this node/network must NOT include a NetworkID field.";
    telREQUIRES_NETWORK_ID = "telREQUIRES_NETWORK_ID", -385, "Transactions submitted to this node/network must include a correct NetworkID field.";
    telWRONG_NETWORK = "telWRONG_NETWORK", -386, "Transaction specifies a Network ID that differs from that of the local node.";
}

impl Ter {
    /// The class of this result, from its token prefix.
    pub fn class(self) -> TerClass {
        match &self.token()[..3] {
            "tes" => TerClass::Success,
            "tec" => TerClass::Claimed,
            "tef" => TerClass::Failure,
            "ter" => TerClass::Retry,
            "tem" => TerClass::Malformed,
            _ => TerClass::Local,
        }
    }

    /// True for `tesSUCCESS`.
    pub fn is_success(self) -> bool {
        self == Ter::tesSUCCESS
    }

    /// True when the transaction goes into a ledger (its fee is burned): `tes` and `tec`.
    pub fn is_applied(self) -> bool {
        matches!(self.class(), TerClass::Success | TerClass::Claimed)
    }
}

impl fmt::Display for Ter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.token())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_protocol_definitions() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../xrpl-proto/src/definitions.json"
        );
        let text = std::fs::read_to_string(path).unwrap();
        let defs: serde_json::Value = serde_json::from_str(&text).unwrap();
        let table = &defs["TRANSACTION_RESULTS"];
        for ter in Ter::ALL {
            let code = table[ter.token()].as_i64();
            assert_eq!(code, Some(i64::from(ter.code())), "{}", ter.token());
            assert_eq!(Ter::from_token(ter.token()), Some(*ter));
        }
    }

    #[test]
    fn classes_follow_the_prefix() {
        assert_eq!(Ter::tecPATH_DRY.class(), TerClass::Claimed);
        assert!(Ter::tecPATH_DRY.is_applied());
        assert!(!Ter::tefPAST_SEQ.is_applied());
        assert_eq!(Ter::terPRE_SEQ.class(), TerClass::Retry);
        assert_eq!(Ter::telINSUF_FEE_P.class(), TerClass::Local);
        assert!(Ter::tesSUCCESS.is_success());
    }
}
