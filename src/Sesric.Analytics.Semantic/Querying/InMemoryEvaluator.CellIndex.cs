using System.Buffers;

namespace Sesric.Analytics.Semantic;

internal static partial class InMemoryEvaluator
{
    /// <summary>
    /// Numbers the cells rows fall in, 0, 1, … in order of first appearance, by their dimension values' codes (see
    /// <see cref="FactSnapshotIndex.CodedColumn"/>), so equal values group together as GROUP BY groups them, missing ones
    /// included. While the combinations of codes are few, one pooled table holds every combination's cell; beyond that, one
    /// map per dimension numbers each (cell so far, code) pair, so no combination count can overflow.
    /// </summary>
    private sealed class CellIndex : IDisposable
    {
        private readonly int[][] _codes;
        private readonly int[] _cardinalities;
        private readonly int[]? _table;
        private readonly int _tableLength;
        private readonly Dictionary<long, int>[]? _levels;
        private int[] _cellCodes;

        public CellIndex(FactSnapshotIndex.CodedColumn[] dimensions, int directLimit)
        {
            _codes = [.. dimensions.Select(d => d.Codes)];
            _cardinalities = [.. dimensions.Select(d => d.Values.Length)];
            _cellCodes = new int[Math.Max(1, _codes.Length) * 16];
            long combinations = 1;
            foreach (var cardinality in _cardinalities)
            {
                combinations *= Math.Max(1, cardinality);
                if (combinations > directLimit)
                {
                    break;
                }
            }
            // Without dimensions there is one combination, which only the table can number.
            if (combinations <= directLimit || _codes.Length == 0)
            {
                _tableLength = (int)combinations;
                _table = ArrayPool<int>.Shared.Rent(_tableLength);
                // 0 means no cell yet; a cell is stored as its number + 1.
                Array.Clear(_table, 0, _tableLength);
            }
            else
            {
                _levels = [.. _codes.Select(_ => new Dictionary<long, int>())];
            }
        }

        /// <summary>The number of cells so far.</summary>
        public int Count { get; private set; }

        /// <summary>The cell of <paramref name="row"/>, numbered on first appearance.</summary>
        public int CellOf(int row)
        {
            if (_table is not null)
            {
                var slot = 0;
                for (var d = 0; d < _codes.Length; d++)
                {
                    slot = slot * _cardinalities[d] + _codes[d][row];
                }
                var stored = _table[slot];
                if (stored == 0)
                {
                    stored = Add(row) + 1;
                    _table[slot] = stored;
                }
                return stored - 1;
            }
            // Each level numbers the distinct (prefix, code) pairs it sees; the last level's numbers are the cells, new
            // ones appearing in row order like the table's.
            var id = 0;
            var isNew = false;
            for (var d = 0; d < _codes.Length; d++)
            {
                var level = _levels![d];
                var key = (long)id * _cardinalities[d] + _codes[d][row];
                if (!level.TryGetValue(key, out id))
                {
                    id = level.Count;
                    level.Add(key, id);
                    isNew = d == _codes.Length - 1;
                }
            }
            return isNew ? Add(row) : id;
        }

        /// <summary>The code of dimension <paramref name="dimension"/> in <paramref name="cell"/>.</summary>
        public int CodeOf(int cell, int dimension) => _cellCodes[cell * _codes.Length + dimension];

        /// <summary>Adds a cell without dimensions and rows (the one row of an aggregate without GROUP BY).</summary>
        public void AddEmpty() => Count++;

        public void Dispose()
        {
            if (_table is not null)
            {
                ArrayPool<int>.Shared.Return(_table);
            }
        }

        private int Add(int row)
        {
            var cell = Count++;
            var width = _codes.Length;
            if ((cell + 1) * width > _cellCodes.Length)
            {
                Array.Resize(ref _cellCodes, _cellCodes.Length * 2);
            }
            for (var d = 0; d < width; d++)
            {
                _cellCodes[cell * width + d] = _codes[d][row];
            }
            return cell;
        }
    }
}
