using KnowledgeBase.Core.Evaluation;

namespace KnowledgeBase.Tests.Unit.Evaluation;

public sealed class RefusalThresholdTests
{
    [Fact]
    public void Separable_supports_get_a_threshold_between_them()
    {
        var calibration = RefusalThreshold.Calibrate([0.7, 0.8, 0.9], [0.2, 0.3, 0.4]);

        Assert.Equal(0.7, calibration.Threshold, 6);
        Assert.Equal(1.0, calibration.BalancedAccuracy, 6);
    }

    [Fact]
    public void Overlapping_supports_get_the_lowest_threshold_with_the_best_balanced_accuracy()
    {
        var calibration = RefusalThreshold.Calibrate([0.3, 0.6, 0.8, 0.9], [0.2, 0.5, 0.85, 0.95]);

        Assert.Equal(0.3, calibration.Threshold, 6);
        Assert.Equal(0.625, calibration.BalancedAccuracy, 6);
        Assert.Equal(0.25, calibration.UnanswerableDeclined, 6);
    }

    [Fact]
    public void Both_kinds_of_question_are_needed() =>
        Assert.Throws<ArgumentException>(() => RefusalThreshold.Calibrate([0.5], []));
}
