namespace GpuThermoChain.Kernels;

/// <summary>
/// Up to <see cref="Capacity"/> particle positions held as separate fields, so that a kernel whose particle numbers are
/// compile-time constants keeps each one in a register for the length of a launch (<see cref="RegisterTrajectoryState{TShape}"/>).
/// </summary>
/// <remarks>
/// Written out field by field on purpose: ILGPU lowers a struct's fields to separate values, which stay in registers,
/// while an array, or a fixed buffer, is memory (a local array is the GPU's off-chip local memory). A field is selected
/// by a switch, which ILGPU folds away where the index is a constant after inlining; a loop counter as index would
/// leave the switch in the code, so the register kernel writes its particle loops out (<see cref="RegisterGroups{TShape}"/>).
/// Fields a shape does not use are never read or written, and the compiler drops them.
/// </remarks>
public struct RegisterParticles
{
    /// <summary>Particles this storage holds at most.</summary>
    public const int Capacity = 40;

    private float _x00;
    private float _x01;
    private float _x02;
    private float _x03;
    private float _x04;
    private float _x05;
    private float _x06;
    private float _x07;
    private float _x08;
    private float _x09;
    private float _x10;
    private float _x11;
    private float _x12;
    private float _x13;
    private float _x14;
    private float _x15;
    private float _x16;
    private float _x17;
    private float _x18;
    private float _x19;
    private float _x20;
    private float _x21;
    private float _x22;
    private float _x23;
    private float _x24;
    private float _x25;
    private float _x26;
    private float _x27;
    private float _x28;
    private float _x29;
    private float _x30;
    private float _x31;
    private float _x32;
    private float _x33;
    private float _x34;
    private float _x35;
    private float _x36;
    private float _x37;
    private float _x38;
    private float _x39;

    /// <summary>Position of particle <paramref name="i"/> (0 .. <see cref="Capacity"/> - 1; anything else reads 0).</summary>
    public readonly float Get(int i) => i switch
    {
        0 => _x00,
        1 => _x01,
        2 => _x02,
        3 => _x03,
        4 => _x04,
        5 => _x05,
        6 => _x06,
        7 => _x07,
        8 => _x08,
        9 => _x09,
        10 => _x10,
        11 => _x11,
        12 => _x12,
        13 => _x13,
        14 => _x14,
        15 => _x15,
        16 => _x16,
        17 => _x17,
        18 => _x18,
        19 => _x19,
        20 => _x20,
        21 => _x21,
        22 => _x22,
        23 => _x23,
        24 => _x24,
        25 => _x25,
        26 => _x26,
        27 => _x27,
        28 => _x28,
        29 => _x29,
        30 => _x30,
        31 => _x31,
        32 => _x32,
        33 => _x33,
        34 => _x34,
        35 => _x35,
        36 => _x36,
        37 => _x37,
        38 => _x38,
        39 => _x39,
        _ => 0f,
    };

    /// <summary>Sets the position of particle <paramref name="i"/> (0 .. <see cref="Capacity"/> - 1; anything else is ignored).</summary>
    public void Set(int i, float value)
    {
        switch (i)
        {
            case 0: _x00 = value; break;
            case 1: _x01 = value; break;
            case 2: _x02 = value; break;
            case 3: _x03 = value; break;
            case 4: _x04 = value; break;
            case 5: _x05 = value; break;
            case 6: _x06 = value; break;
            case 7: _x07 = value; break;
            case 8: _x08 = value; break;
            case 9: _x09 = value; break;
            case 10: _x10 = value; break;
            case 11: _x11 = value; break;
            case 12: _x12 = value; break;
            case 13: _x13 = value; break;
            case 14: _x14 = value; break;
            case 15: _x15 = value; break;
            case 16: _x16 = value; break;
            case 17: _x17 = value; break;
            case 18: _x18 = value; break;
            case 19: _x19 = value; break;
            case 20: _x20 = value; break;
            case 21: _x21 = value; break;
            case 22: _x22 = value; break;
            case 23: _x23 = value; break;
            case 24: _x24 = value; break;
            case 25: _x25 = value; break;
            case 26: _x26 = value; break;
            case 27: _x27 = value; break;
            case 28: _x28 = value; break;
            case 29: _x29 = value; break;
            case 30: _x30 = value; break;
            case 31: _x31 = value; break;
            case 32: _x32 = value; break;
            case 33: _x33 = value; break;
            case 34: _x34 = value; break;
            case 35: _x35 = value; break;
            case 36: _x36 = value; break;
            case 37: _x37 = value; break;
            case 38: _x38 = value; break;
            case 39: _x39 = value; break;
        }
    }

    /// <summary>Copies particles 0 .. <paramref name="count"/> - 1 in from global memory (count a constant where it matters: see the remarks).</summary>
    public void Load(in DeviceTrajectoryState home, int count)
    {
        if (count > 0) _x00 = home.GetX(0);
        if (count > 1) _x01 = home.GetX(1);
        if (count > 2) _x02 = home.GetX(2);
        if (count > 3) _x03 = home.GetX(3);
        if (count > 4) _x04 = home.GetX(4);
        if (count > 5) _x05 = home.GetX(5);
        if (count > 6) _x06 = home.GetX(6);
        if (count > 7) _x07 = home.GetX(7);
        if (count > 8) _x08 = home.GetX(8);
        if (count > 9) _x09 = home.GetX(9);
        if (count > 10) _x10 = home.GetX(10);
        if (count > 11) _x11 = home.GetX(11);
        if (count > 12) _x12 = home.GetX(12);
        if (count > 13) _x13 = home.GetX(13);
        if (count > 14) _x14 = home.GetX(14);
        if (count > 15) _x15 = home.GetX(15);
        if (count > 16) _x16 = home.GetX(16);
        if (count > 17) _x17 = home.GetX(17);
        if (count > 18) _x18 = home.GetX(18);
        if (count > 19) _x19 = home.GetX(19);
        if (count > 20) _x20 = home.GetX(20);
        if (count > 21) _x21 = home.GetX(21);
        if (count > 22) _x22 = home.GetX(22);
        if (count > 23) _x23 = home.GetX(23);
        if (count > 24) _x24 = home.GetX(24);
        if (count > 25) _x25 = home.GetX(25);
        if (count > 26) _x26 = home.GetX(26);
        if (count > 27) _x27 = home.GetX(27);
        if (count > 28) _x28 = home.GetX(28);
        if (count > 29) _x29 = home.GetX(29);
        if (count > 30) _x30 = home.GetX(30);
        if (count > 31) _x31 = home.GetX(31);
        if (count > 32) _x32 = home.GetX(32);
        if (count > 33) _x33 = home.GetX(33);
        if (count > 34) _x34 = home.GetX(34);
        if (count > 35) _x35 = home.GetX(35);
        if (count > 36) _x36 = home.GetX(36);
        if (count > 37) _x37 = home.GetX(37);
        if (count > 38) _x38 = home.GetX(38);
        if (count > 39) _x39 = home.GetX(39);
    }

    /// <summary>Copies particles 0 .. <paramref name="count"/> - 1 back to global memory.</summary>
    public readonly void Store(in DeviceTrajectoryState home, int count)
    {
        if (count > 0) home.SetX(0, _x00);
        if (count > 1) home.SetX(1, _x01);
        if (count > 2) home.SetX(2, _x02);
        if (count > 3) home.SetX(3, _x03);
        if (count > 4) home.SetX(4, _x04);
        if (count > 5) home.SetX(5, _x05);
        if (count > 6) home.SetX(6, _x06);
        if (count > 7) home.SetX(7, _x07);
        if (count > 8) home.SetX(8, _x08);
        if (count > 9) home.SetX(9, _x09);
        if (count > 10) home.SetX(10, _x10);
        if (count > 11) home.SetX(11, _x11);
        if (count > 12) home.SetX(12, _x12);
        if (count > 13) home.SetX(13, _x13);
        if (count > 14) home.SetX(14, _x14);
        if (count > 15) home.SetX(15, _x15);
        if (count > 16) home.SetX(16, _x16);
        if (count > 17) home.SetX(17, _x17);
        if (count > 18) home.SetX(18, _x18);
        if (count > 19) home.SetX(19, _x19);
        if (count > 20) home.SetX(20, _x20);
        if (count > 21) home.SetX(21, _x21);
        if (count > 22) home.SetX(22, _x22);
        if (count > 23) home.SetX(23, _x23);
        if (count > 24) home.SetX(24, _x24);
        if (count > 25) home.SetX(25, _x25);
        if (count > 26) home.SetX(26, _x26);
        if (count > 27) home.SetX(27, _x27);
        if (count > 28) home.SetX(28, _x28);
        if (count > 29) home.SetX(29, _x29);
        if (count > 30) home.SetX(30, _x30);
        if (count > 31) home.SetX(31, _x31);
        if (count > 32) home.SetX(32, _x32);
        if (count > 33) home.SetX(33, _x33);
        if (count > 34) home.SetX(34, _x34);
        if (count > 35) home.SetX(35, _x35);
        if (count > 36) home.SetX(36, _x36);
        if (count > 37) home.SetX(37, _x37);
        if (count > 38) home.SetX(38, _x38);
        if (count > 39) home.SetX(39, _x39);
    }
}
