//! Customers: segments with adoption, satisfaction, churn and revenue.

/// A group of customers with shared needs.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    /// Stable identifier used by scenario files and the action log.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Potential customers in the segment.
    pub size: f64,
    /// Revenue per week per adopted customer.
    pub price: f64,
    /// Share of the segment using the product, `0..=1`.
    pub adoption: f64,
    /// How happy adopters are, `0..=1`; low satisfaction drives churn.
    pub satisfaction: f64,
    /// Worth of the product to this segment: the value of everything shipped to it.
    pub worth: f64,
    /// Customer reach in this segment (support, success), `0..=1`: speeds its adoption and
    /// answers its tickets. Each segment is reached on its own, so customer success is as
    /// many jobs as there are segments; it fades every week unless renewed.
    pub reach: f64,
    /// The first week its customers can adopt the product (1: from the start). Before it,
    /// what ships still adds to the segment's worth, ready for when it opens.
    pub opens: u32,
}

impl Segment {
    /// Whether its customers can adopt the product in `week`.
    pub fn open_in(&self, week: u32) -> bool {
        week >= self.opens
    }

    /// The adoption the product's worth to this segment draws it toward: half its potential
    /// at a worth of `half` (the model's `adoption_half`).
    pub fn adoption_target(&self, half: f64) -> f64 {
        self.worth / (self.worth + half)
    }

    /// Revenue this week: adopters pay, and unhappy ones pay less (discounts, lost renewals):
    /// `satisfied` is the share of the price only satisfied customers pay.
    pub fn revenue(&self, satisfied: f64) -> f64 {
        self.size * self.adoption * self.price * (1.0 - satisfied + satisfied * self.satisfaction)
    }
}
