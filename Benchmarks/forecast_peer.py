"""Forecast peer for `make bench`: statsforecast AutoETS and seasonal naive on the same weekly series and origins.

Reads weekly totals per service line and the backtest origins (written by forecast_bench.py from channelshift's
own output), forecasts `h` weeks from each origin with each model, and writes the forecasts as CSV. It is timed
as a whole process (interpreter start, imports, numba compilation), as channelshift is.
Usage: forecast_peer.py WEEKLY.csv ORIGINS.csv H OUT.csv
"""
import sys

import pandas as pd
from statsforecast import StatsForecast
from statsforecast.models import AutoETS, SeasonalNaive


def main():
    weekly_path, origins_path, h, out_path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    weekly = pd.read_csv(weekly_path, parse_dates=["ds"])
    origins = pd.read_csv(origins_path, parse_dates=["origin"])
    rows = []
    for origin, group in origins.groupby("origin"):
        lines = set(group["unique_id"])
        train = weekly[(weekly["ds"] < origin) & weekly["unique_id"].isin(lines)]
        sf = StatsForecast(models=[AutoETS(season_length=52), SeasonalNaive(season_length=52)], freq="W-MON", n_jobs=1)
        fc = sf.forecast(df=train, h=h)
        fc = fc.reset_index() if "unique_id" not in fc.columns else fc
        fc["origin"] = origin
        rows.append(fc)
    pd.concat(rows).to_csv(out_path, index=False)


if __name__ == "__main__":
    main()
