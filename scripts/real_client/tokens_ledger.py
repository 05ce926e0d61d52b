"""A real XRPL client (xrpl-py) trading NFTs and swapping through an AMM on `xrpl-lab ledger serve`.

The sibling of workshop_ledger.py for the token modules: an NFT minted with a royalty, sold
through a sell offer, resold between two other players (so the ledger pays the creator its
royalty), and an XRP/USD AMM pool that a third account swaps through with a cross-currency
payment. Everything goes through xrpl-py's autofill, signing and submit_and_wait, and every
outcome is asserted from xrpl-py's own reads.

Usage: python tokens_ledger.py http://127.0.0.1:PORT/
Prints one JSON line of what it saw; exits non-zero on the first broken expectation.
"""

import json
import sys

from xrpl.account import get_balance
from xrpl.clients import JsonRpcClient
from xrpl.models.amounts import IssuedCurrencyAmount
from xrpl.models.currencies import XRP, IssuedCurrency
from xrpl.models.requests import AccountLines, AccountNFTs, AMMInfo, NFTSellOffers
from xrpl.models.transactions import (
    AccountSet,
    AccountSetAsfFlag,
    AMMCreate,
    NFTokenAcceptOffer,
    NFTokenCreateOffer,
    NFTokenCreateOfferFlag,
    NFTokenMint,
    NFTokenMintFlag,
    Payment,
    TrustSet,
)
from xrpl.transaction import submit_and_wait
from xrpl.utils import str_to_hex, xrp_to_drops
from xrpl.wallet import generate_faucet_wallet

ROYALTY = 5000  # 5%, in units of 1/100,000


def submit(client, tx, wallet):
    """Submits through xrpl-py and insists on a validated tesSUCCESS."""
    result = submit_and_wait(tx, client, wallet).result
    code = result["meta"]["TransactionResult"]
    assert result.get("validated") is True, f"{tx.transaction_type} not validated"
    assert code == "tesSUCCESS", f"{tx.transaction_type} ended {code}"
    return result


def nft_ids(client, account):
    return [t["NFTokenID"] for t in client.request(AccountNFTs(account=account)).result["account_nfts"]]


def sell(client, seller, buyer, nft_id, xrp):
    """The seller lists the token for `xrp` to `buyer`; the buyer accepts; returns the seller's fee."""
    listed = submit(
        client,
        NFTokenCreateOffer(
            account=seller.address,
            nftoken_id=nft_id,
            amount=xrp_to_drops(xrp),
            destination=buyer.address,
            flags=NFTokenCreateOfferFlag.TF_SELL_NFTOKEN,
        ),
        seller,
    )
    offers = client.request(NFTSellOffers(nft_id=nft_id)).result["offers"]
    assert len(offers) == 1, f"one open sell offer expected, saw {offers}"
    assert offers[0]["amount"] == xrp_to_drops(xrp)
    submit(
        client,
        NFTokenAcceptOffer(account=buyer.address, nftoken_sell_offer=offers[0]["nft_offer_index"]),
        buyer,
    )
    assert nft_id in nft_ids(client, buyer.address), "the buyer should own the token"
    assert nft_id not in nft_ids(client, seller.address), "the seller should not"
    return int(listed["tx_json"]["Fee"])


def nft_trade(client, creator, collector, player):
    minted = submit(
        client,
        NFTokenMint(
            account=creator.address,
            nftoken_taxon=7,
            transfer_fee=ROYALTY,
            uri=str_to_hex("ipfs://bafy-example/relic-of-dawn.json"),
            flags=NFTokenMintFlag.TF_TRANSFERABLE,
        ),
        creator,
    )
    ids = nft_ids(client, creator.address)
    assert len(ids) == 1, f"the creator should own the minted token, owns {ids}"
    nft_id = ids[0]
    assert minted["meta"].get("nftoken_id", nft_id) == nft_id

    # First sale: the creator sells, so no royalty; its balance rises by the full price.
    before = get_balance(creator.address, client)
    fee = sell(client, creator, collector, nft_id, 10)
    assert get_balance(creator.address, client) - before == 10_000_000 - fee

    # Resale between two other players: the ledger diverts 5% of 20 XRP to the creator.
    before = get_balance(creator.address, client)
    sell(client, collector, player, nft_id, 20)
    royalty = get_balance(creator.address, client) - before
    assert royalty == 1_000_000, f"royalty should be 1 XRP, was {royalty} drops"
    return nft_id, royalty


def amm_swap(client, issuer, provider, trader):
    usd = IssuedCurrency(currency="USD", issuer=issuer.address)

    def amount(value):
        return IssuedCurrencyAmount(currency="USD", issuer=issuer.address, value=value)

    # An issuer whose token goes into a pool must let it ripple.
    submit(client, AccountSet(account=issuer.address, set_flag=AccountSetAsfFlag.ASF_DEFAULT_RIPPLE), issuer)
    for wallet in (provider, trader):
        submit(client, TrustSet(account=wallet.address, limit_amount=amount("10000")), wallet)
    submit(client, Payment(account=issuer.address, destination=provider.address, amount=amount("500")), issuer)

    submit(
        client,
        AMMCreate(account=provider.address, amount=xrp_to_drops(100), amount2=amount("100"), trading_fee=500),
        provider,
    )
    pool = client.request(AMMInfo(asset=XRP(), asset2=usd)).result["amm"]
    assert pool["amount"] == xrp_to_drops(100)
    assert float(pool["amount2"]["value"]) == 100

    # The trader buys 10 USD from the pool with XRP: a cross-currency payment to itself.
    xrp_before = get_balance(trader.address, client)
    paid = submit(
        client,
        Payment(account=trader.address, destination=trader.address, amount=amount("10"), send_max=xrp_to_drops(20)),
        trader,
    )
    lines = client.request(AccountLines(account=trader.address, peer=issuer.address)).result["lines"]
    assert float(lines[0]["balance"]) == 10, f"trader should hold 10 USD, lines {lines}"
    spent = xrp_before - get_balance(trader.address, client) - int(paid["tx_json"]["Fee"])
    pool = client.request(AMMInfo(asset=XRP(), asset2=usd)).result["amm"]
    assert float(pool["amount2"]["value"]) == 90
    assert int(pool["amount"]) == 100_000_000 + spent
    # Constant product with a fee: 10 of 100 USD costs more than 100·100/90 − 100 XRP.
    assert spent > 11_111_111, f"spent {spent} drops"
    return spent


def main(url):
    client = JsonRpcClient(url)
    faucet = url.rstrip("/")
    wallets = [generate_faucet_wallet(client, faucet_host=faucet) for _ in range(5)]
    creator, collector, player, issuer, trader = wallets
    nft_id, royalty = nft_trade(client, creator, collector, player)
    spent = amm_swap(client, issuer, creator, trader)
    print(json.dumps({"nft_id": nft_id, "royalty_drops": royalty, "swap_spent_drops": spent}))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: tokens_ledger.py NODE_URL")
    main(sys.argv[1])
