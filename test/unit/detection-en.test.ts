// English vocabulary of the field and the contexts that reverse a meaning, one family per
// block: sentences written for these tests, each with the expected category, negation and
// modality ("+" asserted, "?" optional, "-" negated: see test/helpers/detection.ts).
import { describe, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load.js';
import { checkCase, type Case } from '../helpers/detection.js';

const rules = loadRuleSet();

const FAMILIES: Record<string, Case[]> = {
  'plate readers and hot lists': [
    { text: 'Officers will query the LPR system for partial plates of the suspect vehicle.', expect: { 'vehicle-tracking': '+' } },
    { text: 'Each ALPR hit is checked against the state hot list before a stop.', expect: { 'vehicle-tracking': '+', 'police-records': '+' } },
    { text: 'The LPR network shall not be used for immigration enforcement.', expect: { 'vehicle-tracking': '-' } },
    { text: 'The city installs twenty ALPR cameras at its entrances.', expect: { 'vehicle-tracking': '+' } },
    { text: 'The city installs twenty ALPR cameras and four CCTV cameras in the park.', expect: { 'vehicle-tracking': '+', 'video-surveillance': '+' } },
  ],
  'cameras, footage and real-time centers': [
    { text: 'Detectives reviewed the footage recorded by the pole cameras on Elm Street.', expect: { 'video-surveillance': '+' } },
    { text: 'Two mobile surveillance trailers will be moved between parks each month.', expect: { 'video-surveillance': '+' } },
    { text: 'Analysts in the Real-Time Crime Center monitor live feeds during major events.', expect: { 'video-surveillance': '+' } },
    { text: 'The RTCC will open on the second floor of the new headquarters building.', expect: {} },
    { text: 'At a later stage, the department will add video analytics to flag loitering near the station.', expect: { 'video-surveillance': '?' }, also: ['automated-analysis'] },
  ],
  'trackers and location': [
    { text: 'Investigators place vehicle trackers on bait cars left in shopping-center lots.', expect: { geolocation: '+', 'vehicle-tracking': '+' } },
    { text: 'Covert trackers hidden in pallets of merchandise report their location hourly.', expect: { geolocation: '+' } },
    { text: 'Hot-spot maps guide where the deployed cameras are placed.', expect: { geolocation: '+', 'video-surveillance': '+' } },
  ],
  'covert audio': [
    { text: 'The unit buys covert audio/video recording devices concealed in key fobs.', expect: { 'audio-sensors': '+' }, also: ['video-surveillance'] },
    { text: 'The pole-mounted sensors can capture images and sound of the intersection.', expect: { 'audio-sensors': '+' }, also: ['video-surveillance'] },
  ],
  'telecom techniques': [
    { text: 'A cell-site simulator was deployed to locate the phone of the suspect.', expect: { telecom: '+' }, also: ['geolocation'] },
    { text: 'Detectives obtained a tower dump for the two hours around the robbery.', expect: { telecom: '+' } },
    { text: 'The lab extracts messages and location data from seized mobile phones for the detectives.', expect: { telecom: '+' }, also: ['geolocation'] },
    { text: 'Investigators served a keyword warrant on the search engine for the victim’s address.', expect: { telecom: '+' } },
    { text: 'The contractor shall repair the roofs damaged by the hailstorm of May.', expect: {} },
  ],
  'drones and aerial surveillance': [
    { text: 'A surveillance blimp will hover over the marathon route all day.', expect: { drones: '+' } },
    { text: 'The drone light show at the fireworks is paid for by the tourism office.', expect: {} },
  ],
  'records and justice data': [
    { text: 'The platform receives real-time jail booking data and court records from the county.', expect: { 'police-records': '+' }, also: ['public-partners'] },
    { text: 'Alerts are verified through CLETS before officers make contact.', expect: { 'police-records': '+' } },
    { text: 'The platform aggregates CAD and RMS data with camera alerts for analysts.', expect: { 'police-records': '+', 'video-surveillance': '+' } },
    { text: 'The crime analyst uses crime statistics to identify areas where new cameras should be deployed.', expect: { 'police-records': '+', 'video-surveillance': '+' } },
  ],
  'private partners': [
    { text: 'Detectives meet loss prevention staff to gather evidence and copy store footage.', expect: { 'private-partners': '+', 'video-surveillance': '+' } },
    { text: 'Retailers in the district agreed to share data on repeat offenders with the task force.', expect: { 'private-partners': '+' } },
    { text: 'Business owners who register their exterior cameras give the Real-Time Crime Center access to the feeds.', expect: { 'private-partners': '+', 'video-surveillance': '+' } },
    { text: 'The grant reduces organized retail theft in the downtown retail areas.', expect: {} },
    { text: 'The evaluation team will analyze data from interviews with retail managers.', expect: {} },
    { text: 'The agency buys access to a data broker holding utility and phone records.', expect: { 'private-partners': '+' }, also: ['telecom'] },
  ],
  'outbound social media (communication, not monitoring)': [
    { text: 'Number of social media posts published by the department each quarter.', expect: {} },
    { text: 'The sheriff will use social media to increase public awareness of catalytic converter theft.', expect: {} },
    { text: 'A social media campaign and press releases will announce the new task force.', expect: {} },
    { text: 'Analysts monitor public social media posts for threats against the parade.', expect: { 'social-media': '+' } },
    { text: 'The vendor collects social media posts that mention the festival.', expect: { 'social-media': '+' } },
    { text: 'Detectives use undercover social media accounts to follow the crew’s posts.', expect: { 'social-media': '+' } },
    { text: 'Employees shall not post confidential information on social media.', expect: {} },
    { text: 'The platform ingests public social media posts and correlates them with incident data.', expect: { 'social-media': '+' }, also: ['police-records'] },
  ],
  'direction: data sent out is not a source': [
    { text: 'The agency shall release ALPR data to other agencies only for law enforcement purposes.', expect: { 'vehicle-tracking': '+' } },
    { text: 'The platform receives data from other agencies in the region.', expect: { 'public-partners': '+' } },
    { text: 'The campaign informs retailers and their customers about the new data on theft trends.', expect: {} },
    { text: 'The city will send data about the program to retailers.', expect: {} },
    { text: 'The etching program is run in partnership with automotive businesses and recyclers.', expect: {} },
  ],
  'payroll and evaluation look-alikes': [
    { text: 'Approving the special rate of pay for Emergency Medical Services retention pay.', expect: {} },
    { text: 'Data from the video management system will be analyzed using descriptive statistics for the outcome evaluation.', expect: {} },
  ],
};

for (const [family, cases] of Object.entries(FAMILIES)) {
  describe(family, () => {
    it.each(cases)('$text', (c) => checkCase(c, rules));
  });
}
