/**
 * The pure planner of {@code svccfg plan}: from a fleet (servers with capacities, services with volumes) and the SRV
 * records DNS holds now, the records DNS should hold. No I/O, no clock: the same input gives the same placement.
 *
 * <p>The formulation, over the pairs (service, server) the fleet allows, each with the share of the service's volume
 * the server carries at priority 1:
 * <ol>
 * <li>U*, the least possible largest utilisation: bisection over maximum flows ({@link
 * io.svccfg.placement.LeastUtilisation}).</li>
 * <li>A linear programme (ojAlgo, simplex): every service's shares add up to 1, every server's utilisation at most
 * the bound min(1, U* x (1 + {@link io.svccfg.placement.Planner#TOLERANCE})); minimise the misfit of servers to
 * services, with the shares DNS holds now at a discount larger than any misfit, so that they stay where they still
 * fit ({@link io.svccfg.placement.ClosestLoads}). A simplex vertex is sparse: each service lands on few servers.</li>
 * <li>Weights: shares in ten-thousandths; spares: held ones first, then the largest headroom, and where they fall
 * short the service's share per server is capped and step 2 runs again.</li>
 * </ol>
 */
package io.svccfg.placement;
