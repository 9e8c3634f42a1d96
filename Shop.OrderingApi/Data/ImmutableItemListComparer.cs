using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Shop.OrderingApi.Data;

/// <summary>
/// Change tracking for a list column whose items are immutable records (an order's lines, history and returns): an
/// item is never changed in place, only added or replaced by a changed copy, so a copy of the list is its snapshot and
/// comparing the items compares their values. Serializing the lists to JSON to snapshot and compare them cost every
/// tracked order about a dozen serializations per save.
/// </summary>
public sealed class ImmutableItemListComparer<T>() : ValueComparer<List<T>>(
    (left, right) => ReferenceEquals(left, right) || (left != null && right != null && left.SequenceEqual(right)),
    list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)),
    list => new List<T>(list))
    where T : IEquatable<T>;
