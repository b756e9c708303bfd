/** Test and demo surface of the hardware layer: device simulators on socat PTY pairs. Never used in production. */
export { createPtyPair, type PtyPair } from './pty/socat';
export {
  startSimulatedDevice, spawnSimulator, control, SIMULATED_DEVICES,
  type SimulatedDevice, type SimulatedDeviceRig, type RunningSimulator,
} from './simulators/spawn';
