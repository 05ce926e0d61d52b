"""A real XRPL client (xrpl-py) against `xrpl-lab ledger serve`.

This is the acceptance check for the classroom ledger: nothing here knows it is talking to a
sandbox. Wallets come from xrpl-py's own faucet helper, every transaction goes through xrpl-py's
autofill, signing and submit_and_wait, and every outcome is asserted from xrpl-py's own reads.

Usage: python workshop_ledger.py http://127.0.0.1:PORT/
Prints one JSON line of what it saw; exits non-zero on the first broken expectation.
"""

import json
import sys
from datetime import datetime, timedelta, timezone

from xrpl.account import get_balance
from xrpl.clients import JsonRpcClient
from xrpl.models.amounts import IssuedCurrencyAmount
from xrpl.models.requests import AccountLines, AccountObjects, AccountOffers
from xrpl.models.transactions import (
    AccountSet,
    AccountSetAsfFlag,
    EscrowCreate,
    EscrowFinish,
    OfferCreate,
    Payment,
    TrustSet,
)
from xrpl.transaction import submit_and_wait
from xrpl.utils import datetime_to_ripple_time, xrp_to_drops
from xrpl.wallet import generate_faucet_wallet

# PREIMAGE-SHA-256 crypto-condition of the empty preimage, and its fulfillment: a condition
# escrow can be finished at once, so the check needs no waiting on the ledger clock.
CONDITION = "A0258020E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855810100"
FULFILLMENT = "A0028000"


def submit(client, tx, wallet):
    """Submits through xrpl-py and insists on a validated tesSUCCESS."""
    response = submit_and_wait(tx, client, wallet)
    result = response.result
    code = result["meta"]["TransactionResult"]
    assert result.get("validated") is True, f"{tx.transaction_type} not validated"
    assert code == "tesSUCCESS", f"{tx.transaction_type} ended {code}"
    return result


def usd_balance(client, account, issuer):
    lines = client.request(AccountLines(account=account, peer=issuer)).result["lines"]
    usd = [line for line in lines if line["currency"] == "USD"]
    assert len(usd) == 1, f"{account} should hold exactly one USD line, has {lines}"
    return float(usd[0]["balance"])


def main(url):
    client = JsonRpcClient(url)
    faucet = url.rstrip("/")
    issuer = generate_faucet_wallet(client, faucet_host=faucet)
    holder = generate_faucet_wallet(client, faucet_host=faucet)
    trader = generate_faucet_wallet(client, faucet_host=faucet)
    for wallet in (issuer, holder, trader):
        assert get_balance(wallet.address, client) > 0, "faucet left a wallet empty"

    def usd(value):
        return IssuedCurrencyAmount(currency="USD", issuer=issuer.address, value=value)

    # The issuer lets its token move between holders; both holders opt in with trust lines.
    submit(client, AccountSet(account=issuer.address, set_flag=AccountSetAsfFlag.ASF_DEFAULT_RIPPLE), issuer)
    for wallet in (holder, trader):
        submit(client, TrustSet(account=wallet.address, limit_amount=usd("1000")), wallet)
    assert usd_balance(client, holder.address, issuer.address) == 0

    # Issue: the issuer pays 50 USD into existence on the holder's line.
    submit(client, Payment(account=issuer.address, destination=holder.address, amount=usd("50")), issuer)
    assert usd_balance(client, holder.address, issuer.address) == 50

    # Two offers that cross: the holder sells 10 USD for 100 XRP, the trader takes it.
    submit(
        client,
        OfferCreate(account=holder.address, taker_gets=usd("10"), taker_pays=xrp_to_drops(100)),
        holder,
    )
    assert len(client.request(AccountOffers(account=holder.address)).result["offers"]) == 1
    holder_xrp_before = get_balance(holder.address, client)
    submit(
        client,
        OfferCreate(account=trader.address, taker_gets=xrp_to_drops(100), taker_pays=usd("10")),
        trader,
    )
    assert usd_balance(client, trader.address, issuer.address) == 10
    assert usd_balance(client, holder.address, issuer.address) == 40
    assert client.request(AccountOffers(account=holder.address)).result["offers"] == []
    assert client.request(AccountOffers(account=trader.address)).result["offers"] == []
    assert get_balance(holder.address, client) - holder_xrp_before == 100_000_000

    # An escrow that locks 5 XRP for the trader and is finished with its fulfillment.
    cancel_after = datetime_to_ripple_time(datetime.now(timezone.utc) + timedelta(hours=1))
    created = submit(
        client,
        EscrowCreate(
            account=holder.address,
            destination=trader.address,
            amount=xrp_to_drops(5),
            condition=CONDITION,
            cancel_after=cancel_after,
        ),
        holder,
    )
    escrows = client.request(AccountObjects(account=holder.address, type="escrow")).result
    assert len(escrows["account_objects"]) == 1, "the escrow should exist"
    trader_before = get_balance(trader.address, client)
    finished = submit(
        client,
        EscrowFinish(
            account=trader.address,
            owner=holder.address,
            offer_sequence=created["tx_json"]["Sequence"],
            condition=CONDITION,
            fulfillment=FULFILLMENT,
        ),
        trader,
    )
    fee = int(finished["tx_json"]["Fee"])
    assert get_balance(trader.address, client) == trader_before + 5_000_000 - fee
    escrows = client.request(AccountObjects(account=holder.address, type="escrow")).result
    assert escrows["account_objects"] == [], "the finished escrow should be gone"

    print(
        json.dumps(
            {
                "issuer": issuer.address,
                "holder_usd": usd_balance(client, holder.address, issuer.address),
                "trader_usd": usd_balance(client, trader.address, issuer.address),
                "escrow_finished": finished["hash"],
            }
        )
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: workshop_ledger.py NODE_URL")
    main(sys.argv[1])
