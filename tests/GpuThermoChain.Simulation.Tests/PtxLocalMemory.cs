using System.Text.RegularExpressions;

namespace GpuThermoChain.Simulation.Tests;

/// <summary>
/// What a kernel's PTX may hold in local memory: nothing but the 4- or 8-byte slots through which ILGPU passes an inline-PTX
/// instruction's operands (Philox's mul.wide.u32, <c>CudaAsm.EmitRef</c>), each written (with an operand or the
/// instruction's result) and read back later in the same basic block with no other access between, which ptxas turns into a register move (ptxas -v: 0 bytes stack frame, no local loads
/// or stores in the SASS). No local array, no other local load: a spilled or indexed per-thread array would cost a
/// round trip to DRAM per access.
/// </summary>
internal static class PtxLocalMemory
{
    public static void AssertOnlyForwardedScalars(string ptx)
    {
        var declarations = Regex.Matches(ptx, @"(?m)^\s*\.local\b.*$");
        Assert.All(declarations, d => Assert.Matches(@"^\s*\.local \.align (4|8) \.b8 __local_depot\d+\[(4|8)\];\s*$", d.Value));
        string[] lines = ptx.Split('\n').Select(l => l.Trim()).ToArray();
        for (int i = 0; i < lines.Length; i++)
        {
            var load = Regex.Match(lines[i], @"^ld\.local\.b(32|64)\s+%r[d]?\d+,\s*\[(%rd\d+)\];$");
            if (!lines[i].StartsWith("ld.local", StringComparison.Ordinal))
            {
                continue;
            }
            Assert.True(load.Success, $"a local load other than a scalar: {lines[i]}");
            string address = Regex.Escape(load.Groups[2].Value);
            int j = i - 1;
            while (j >= 0 && !lines[j].Contains($"[{load.Groups[2].Value}]", StringComparison.Ordinal)
                   && !lines[j].EndsWith(':') && !lines[j].Contains("bra", StringComparison.Ordinal))
            {
                j--;
            }
            Assert.True(j >= 0 && Regex.IsMatch(lines[j], $@"^st\.local\.b{load.Groups[1].Value}\s+\[{address}\],\s*(%r[d]?\d+|-?\d+);$"),
                $"local load without the store it reads earlier in its block: '{(j >= 0 ? lines[j] : "")}' then '{lines[i]}'");
        }
    }
}
