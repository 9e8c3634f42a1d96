using Npgsql;

namespace Shop.CatalogApi.Data;

/// <summary>
/// For a prepared statement whose one plan suits any parameters: put first in its batch, this makes PostgreSQL use
/// (and keep, per connection) that plan until the transaction ends, where it would otherwise plan each run again.
/// It answers one row of its own, which the batch's reader passes over with <c>NextResultAsync</c> first.
/// </summary>
public static class KeptPlan
{
    public static NpgsqlBatchCommand ForThisTransaction() =>
        new("SELECT set_config('plan_cache_mode', 'force_generic_plan', true)");
}
